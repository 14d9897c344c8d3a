import { useApi } from '../api';
import { useBook } from '../book';
import { AdmissionsCard } from '../funds/AdmissionsCard';
import '../funds/funds.css';
import { ReceiveCard } from '../funds/ReceiveCard';
import { yearParam } from '../grants/YearPicker';
import '../grants/grants.css';
import { keepsBooks } from '../labels';
import { useQuery } from '../reports/query';
import { useSession } from '../session';
import { ErrorNotice, Page, Progress } from '../ui/components';

/**
 * 拨款到账与专项资金 for the open book: district money booked on arrival as a draft voucher and set
 * against the year's entitlement, and the register of 费随事转 admissions with each fund's balance.
 * Overseers and reviewers read; accountants and the supervisor write.
 *
 * URL: #/funds?year=2025
 */
export function Funds() {
  const session = useSession();
  const book = useBook();
  const query = useQuery('/funds');
  const year = yearParam(query.get('year'));
  const admissions = useApi('admission.list', book ? { book } : null);
  const canWrite = keepsBooks(session.operator, session.readOnly);
  const list = admissions.data ?? [];

  return (
    <Page
      title="拨款到账与专项资金"
      sub={
        <span data-testid="funds-summary">
          {book} · {year} 年 · 准入审批 {list.length} 项{session.readOnly ? ' · 只读' : ''}
        </span>
      }
    >
      <Progress active={admissions.loading} />
      <ErrorNotice error={admissions.error} />
      <ReceiveCard
        book={book}
        year={year}
        onYear={(y) => query.replace({ year: String(y) })}
        admissions={list}
        canWrite={canWrite}
      />
      <AdmissionsCard
        book={book}
        year={year}
        admissions={list}
        loading={admissions.loading}
        canWrite={canWrite}
        isSupervisor={session.operator?.role === 'supervisor'}
      />
    </Page>
  );
}
