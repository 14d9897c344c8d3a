import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAction, useApi, type ApiOutput } from '../api';
import { roleText } from '../labels';
import { useSession } from '../session';
import { Dialog, ErrorNotice, Field, Input, Progress, Select } from '../ui/components';
import { today } from './period';

type Publication = ApiOutput<'disclosure.publish'>;

const fieldsShown = [
  'publishedOn',
  'backdateReason',
  'displayDays',
  'reviewer',
  'communityHead',
  'oversightOpinion',
  'oversightSigner',
];

/**
 * 公开…: the sign-off of DOMAIN §2.2 before the sheets go on the board — 公开日期 (today by default;
 * an earlier date records a sheet already on the board, a 补录, and needs its reason, which the sheets
 * then print), 公开期限 (at least 15 days), 审核人 of the centre (a reviewer or the supervisor, never the one
 * who drew the sheets), 社区负责人, and the 议事和监督委员会's opinion with who signed it. The core keeps
 * the sheets exactly as published; a refusal is shown next to the field it concerns.
 */
export function PublishDialog({
  book,
  period,
  label,
  dueOn,
  version,
  onDone,
  onCancel,
}: {
  book: string;
  period: string;
  label: string;
  /** When the sheet is due on the board, if it is one the due list knows. */
  dueOn: string | undefined;
  /** The version this will be: 1, or the next after a change in the books. */
  version: number;
  onDone: (publication: Publication) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const me = session.operator?.name;
  const action = useAction(me);
  const operators = useApi('operator.list', {});
  const earlier = useApi('disclosure.publications', { book });
  const reviewers = (operators.data ?? []).filter(
    (o) => o.active && o.name !== me && (o.role === 'reviewer' || o.role === 'supervisor'),
  );
  const last = earlier.data?.at(-1);

  const [recordedOn] = useState(today);
  const [publishedOn, setPublishedOn] = useState(recordedOn);
  const [backdateReason, setBackdateReason] = useState('');
  const backdated = /^\d{4}-\d{2}-\d{2}$/.test(publishedOn.trim()) && publishedOn.trim() < recordedOn;
  const [displayDays, setDisplayDays] = useState('15');
  const [reviewer, setReviewer] = useState('');
  const [communityHead, setCommunityHead] = useState('');
  const [oversightOpinion, setOversightOpinion] = useState('同意公开');
  const [oversightSigner, setOversightSigner] = useState('');
  const [daysInvalid, setDaysInvalid] = useState(false);

  // The names that signed this community's last sheets are usually the ones signing now.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !earlier.data) return;
    prefilled.current = true;
    if (last) {
      setCommunityHead((v) => v || last.communityHead);
      setOversightSigner((v) => v || last.oversightSigner);
    }
  }, [earlier.data, last]);
  const chosen = reviewer || (reviewers.find((o) => o.name === last?.reviewer) ?? reviewers[0])?.name || '';

  // Keyboard first: the dialog opens on its first field, not on the confirm button.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => first.current?.focus());
    return () => clearTimeout(timer);
  }, []);

  const field = action.error?.field;
  const errorAt = (name: string) => (field === name ? action.error?.message : undefined);

  async function confirm() {
    const days = Number(displayDays.trim());
    if (!/^\d+$/.test(displayDays.trim())) {
      setDaysInvalid(true);
      return;
    }
    setDaysInvalid(false);
    const result = await action.run('disclosure.publish', {
      book,
      period,
      publishedOn: publishedOn.trim(),
      ...(backdated && backdateReason.trim() ? { backdateReason: backdateReason.trim() } : {}),
      displayDays: days,
      reviewer: chosen,
      communityHead: communityHead.trim(),
      oversightOpinion: oversightOpinion.trim(),
      oversightSigner: oversightSigner.trim(),
    });
    if (result) onDone(result);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void confirm();
  };

  return (
    <Dialog
      title={`公开 ${book} ${label}${version > 1 ? `（第 ${version} 版）` : ''}`}
      confirm="公开"
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <Progress active={action.busy} />
      <form className="ds-publish" onSubmit={submit} aria-label="公开" noValidate>
        <p className="hint">
          公开后，三张表按当前账簿数原样保存，不能修改；账簿以后有更正，再公开新版本。制表人：{me}。
        </p>
        <div className="ds-publish-grid">
          <Field label="公开日期 *" error={errorAt('publishedOn')}>
            <Input
              ref={first}
              aria-label="公开日期"
              className="gr-figure"
              value={publishedOn}
              invalid={field === 'publishedOn'}
              onChange={(e) => setPublishedOn(e.target.value)}
              placeholder="YYYY-MM-DD"
            />
            {dueOn && <span className="hint">应于 {dueOn} 公开</span>}
          </Field>
          <Field
            label="公开期限（天）*"
            error={daysInvalid ? '请填写天数，至少 15 天' : errorAt('displayDays')}
          >
            <Input
              aria-label="公开期限"
              className="gr-figure"
              inputMode="numeric"
              value={displayDays}
              invalid={daysInvalid || field === 'displayDays'}
              onChange={(e) => setDisplayDays(e.target.value)}
            />
          </Field>
          {backdated && (
            <div className="ds-backdate">
              <p className="hint">
                {`公开日期早于今天（${recordedOn}），是补录已经张贴的公开：`}
                表上的公开日期将注明“补录”，并写明录入日和原因。
              </p>
              <Field label="补录原因 *" error={errorAt('backdateReason')}>
                <Input
                  aria-label="补录原因"
                  value={backdateReason}
                  invalid={field === 'backdateReason'}
                  onChange={(e) => setBackdateReason(e.target.value)}
                  placeholder="如：纸质公开表已于当日张贴，系统补录"
                />
              </Field>
            </div>
          )}
          <Field label="审核人（代理中心）*" error={errorAt('reviewer')}>
            <Select
              aria-label="审核人"
              value={chosen}
              invalid={field === 'reviewer'}
              onChange={(e) => setReviewer(e.target.value)}
            >
              {reviewers.length === 0 && <option value="">（没有其他审核员或主管）</option>}
              {reviewers.map((o) => (
                <option key={o.id} value={o.name}>
                  {o.name}（{roleText[o.role]}）
                </option>
              ))}
            </Select>
          </Field>
          <Field label="社区负责人 *" error={errorAt('communityHead')}>
            <Input
              aria-label="社区负责人"
              value={communityHead}
              invalid={field === 'communityHead'}
              onChange={(e) => setCommunityHead(e.target.value)}
              placeholder="书记或主任"
            />
          </Field>
          <Field label="议事和监督委员会意见" error={errorAt('oversightOpinion')}>
            <Input
              aria-label="议事和监督委员会意见"
              value={oversightOpinion}
              invalid={field === 'oversightOpinion'}
              onChange={(e) => setOversightOpinion(e.target.value)}
            />
          </Field>
          <Field label="签名人 *" error={errorAt('oversightSigner')}>
            <Input
              aria-label="签名人"
              value={oversightSigner}
              invalid={field === 'oversightSigner'}
              onChange={(e) => setOversightSigner(e.target.value)}
              placeholder="议事和监督委员会成员"
            />
          </Field>
        </div>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
      <ErrorNotice error={action.error && !fieldsShown.includes(field ?? '') ? action.error : undefined} />
    </Dialog>
  );
}
