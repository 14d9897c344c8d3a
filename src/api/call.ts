import { z } from 'zod';
import { LedgerError } from '../errors.js';
import type { Centre } from '../ledger/centre.js';
import { translateSqliteError } from '../store/database.js';
import { api, isMethod, unknownMethod, type ApiInput, type ApiOutput, type MethodName } from './contract.js';
import { createContext, type Session } from './context.js';

z.config(z.locales.zhCN());

/** Names of the input's fields as the messages show them. */
function pathText(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : String(p))).join('.');
}

/**
 * The single entry point into the core. Validates the input against the method's schema at the
 * boundary, runs the handler, and guarantees that whatever fails comes back as a LedgerError.
 */
export async function callApi<M extends MethodName>(
  centre: Centre,
  method: M,
  input: ApiInput<M> | unknown,
  session: Session = {},
): Promise<ApiOutput<M>> {
  if (!isMethod(method)) unknownMethod(method);
  const definition = api[method];
  const parsed = definition.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = pathText(issue.path);
    throw new LedgerError('invalid_argument', `参数${field ? ` ${field} ` : ''}无效：${issue.message}`, {
      field,
    });
  }
  try {
    const run = definition.run as (ctx: ReturnType<typeof createContext>, input: unknown) => unknown;
    return (await run(createContext(centre, session), parsed.data)) as ApiOutput<M>;
  } catch (error) {
    throw translateSqliteError(error);
  }
}
