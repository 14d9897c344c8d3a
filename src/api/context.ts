import { fail } from '../errors.js';
import type { Centre } from '../ledger/centre.js';
import { findOperator, type Actor } from '../ledger/operators.js';
import { translateSqliteError } from '../store/database.js';

/** Who is calling. Reads need nobody; every write names its operator (`--as NAME` on the CLI). */
export interface Session {
  operator?: string | undefined;
}

export interface Context {
  centre: Centre;
  operatorName: string | undefined;
  /** Runs a change as the session's operator, in one transaction; any refusal rolls it all back. */
  write<T>(change: (actor: Actor) => T): T;
  /** Runs a change that needs no operator: only adding the centre's first supervisor. */
  bootstrap<T>(change: () => T): T;
}

export function createContext(centre: Centre, session: Session): Context {
  const transaction = <T>(change: () => T): T => {
    try {
      return centre.db.transaction(change).immediate();
    } catch (error) {
      throw translateSqliteError(error);
    }
  };
  return {
    centre,
    operatorName: session.operator,
    write(change) {
      if (!session.operator?.trim())
        fail('forbidden', '修改数据必须指明操作员（命令行用 --as 姓名）', { field: 'operator' });
      return transaction(() => {
        const operator = findOperator(centre, session.operator!);
        if (operator.role === 'overseer')
          fail('forbidden', `“${operator.name}”是议事和监督委员会成员，只能查阅，不能修改`);
        return change({ centre, operator });
      });
    },
    bootstrap: transaction,
  };
}

export function schemaVersion(centre: Centre): number {
  return centre.db.pragma('user_version', { simple: true }) as number;
}
