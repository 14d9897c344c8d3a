import { useApi } from './api';
import { useSession } from './session';

/** The community whose books are open (chosen in the top bar); screens that need one get it here. */
export function useBook(): string {
  const session = useSession();
  const books = useApi('book.list', {});
  const list = books.data ?? [];
  return (list.find((b) => b.community === session.book) ?? list[0])?.community ?? session.book ?? '';
}
