import { useApi } from '../api';
import { useBook } from '../book';
import { fundReportCsv, projectOf, type FundReportData, type FundRow } from '../fundreport/format';
import { FundTable } from '../fundreport/FundTable';
import '../fundreport/fundreport.css';
import { printPage, saveText } from '../platform';
import { PeriodRange } from '../reports/PeriodRange';
import { isPeriod, useDefaultRange, useQuery } from '../reports/query';
import '../reports/reports.css';
import { navigate } from '../router';
import { useSession } from '../session';
import { Button, Empty, ErrorNotice, Page, Progress, Toolbar } from '../ui/components';

/**
 * 资金来源情况表: what is left of each kind of money — the unrestricted pool (with what each source
 * brought in) and each restricted fund such as a 费随事转 task — for a range of months, for the open
 * book or one section per community of the centre. A 限定性 fund opens its vouchers; 非限定性 opens
 * 科目余额表 for the same months. Export to CSV and print.
 *
 * URL: #/fund-report?from=2025-01&to=2025-06&scope=centre
 */
export function FundReport() {
  const session = useSession();
  const book = useBook();
  const query = useQuery('/fund-report');
  const defaults = useDefaultRange(book);
  const from = query.get('from') || defaults.range?.from || '';
  const to = query.get('to') || defaults.range?.to || '';
  const centre = query.get('scope') === 'centre';
  const ready = isPeriod(from) && isPeriod(to) && from <= to;

  const one = useApi('report.funds', ready && !centre && book ? { book, from, to } : null);
  const all = useApi('report.centreFunds', ready && centre ? { from, to } : null);
  const current = centre ? all : one;
  const reports: FundReportData[] = centre ? (all.data?.reports ?? []) : one.data ? [one.data] : [];
  const period = reports[0]?.period;

  const open = (report: FundReportData, row: FundRow) => {
    if (row.kind !== 'restricted' && row.kind !== 'unrestricted') return;
    // A row of another community's section opens that community's books.
    if (report.book !== book) session.setBook(report.book);
    const project = projectOf(row);
    if (project) navigate('/vouchers', { project, from, to });
    else navigate('/trial-balance', { from, to });
  };

  const exportCsv = () =>
    void saveText(`资金来源情况表_${centre ? '全中心' : book}_${from}至${to}.csv`, fundReportCsv(reports));

  return (
    <div className="report-page">
      <Page
        title="资金来源情况表"
        sub={
          period && (
            <span data-testid="fund-report-summary">
              {centre ? `全中心 ${reports.length} 个社区` : book} · {period} · 单位：元
            </span>
          )
        }
        actions={
          reports.length > 0 && (
            <>
              <Button small className="no-print" onClick={exportCsv}>
                导出 CSV
              </Button>
              <Button small className="no-print" onClick={() => void printPage()}>
                打印
              </Button>
            </>
          )
        }
      >
        <Progress active={current.loading || defaults.loading} />
        <div className="report-filters no-print">
          <Toolbar>
            <PeriodRange
              from={from}
              to={to}
              months={defaults.months}
              onChange={(range) => query.replace(range)}
            />
            <div className="field">
              <span>范围</span>
              <span className="fr-scope" role="group" aria-label="范围">
                <Button
                  small
                  variant={centre ? undefined : 'primary'}
                  aria-pressed={!centre}
                  onClick={() => query.replace({ scope: undefined })}
                >
                  本社区
                </Button>
                <Button
                  small
                  variant={centre ? 'primary' : undefined}
                  aria-pressed={centre}
                  onClick={() => query.replace({ scope: 'centre' })}
                >
                  全中心
                </Button>
              </span>
            </div>
            <span className="gap" />
            <span className="hint" style={{ alignSelf: 'center' }}>
              单击限定性资金查看其凭证，单击非限定性资金查看科目余额表
            </span>
          </Toolbar>
        </div>
        <ErrorNotice error={defaults.error ?? current.error} />
        <div aria-busy={current.loading} data-testid="fund-reports">
          {reports.map((report) => (
            <section key={report.book} className="fr-section" data-book={report.book}>
              {centre && <h2>{report.book}</h2>}
              <FundTable report={report} onOpen={(row) => open(report, row)} />
            </section>
          ))}
          {centre && all.data && reports.length === 0 && <Empty>还没有建账的社区。</Empty>}
        </div>
        {!ready && !defaults.loading && !defaults.error && <Empty>请选择起始期间和截止期间。</Empty>}
      </Page>
    </div>
  );
}
