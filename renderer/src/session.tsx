import { createContext, useContext, useState, type ReactNode } from 'react';
import type { ApiOutput } from './api';

export type Operator = ApiOutput<'operator.list'>[number];

/**
 * Who is working and on which community's books. The operator is chosen at start and shown at all
 * times; both are remembered for the next start on this computer.
 */
export interface Session {
  operator: Operator | undefined;
  setOperator(operator: Operator | undefined): void;
  book: string | undefined;
  setBook(book: string | undefined): void;
  /** Overseers (议监会) read everything and change nothing: screens hide their write actions. */
  readOnly: boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

function remembered<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function remember(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be unavailable (private mode); the session still works for this window.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [operator, setOperatorState] = useState<Operator | undefined>(() => remembered('jucai.operator'));
  const [book, setBookState] = useState<string | undefined>(() => remembered('jucai.book'));
  const session: Session = {
    operator,
    setOperator(next) {
      setOperatorState(next);
      remember('jucai.operator', next);
    },
    book,
    setBook(next) {
      setBookState(next);
      remember('jucai.book', next);
    },
    readOnly: operator?.role === 'overseer',
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
