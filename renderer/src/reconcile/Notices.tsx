import { Button, Notice } from '../ui/components';

/** What an import brought in, until the accountant has read it. */
export function ImportedNotice({ text, onClose }: { text: string; onClose: () => void }) {
  return (
    <Notice kind="ok">
      <span data-testid="import-result">{text}</span>{' '}
      <a
        href="#"
        onClick={(e) => {
          e.preventDefault();
          onClose();
        }}
      >
        知道了
      </a>
    </Notice>
  );
}

/** What 自动勾对 matched, each with the reason the core gave. */
export function AutoResult({
  heading,
  lines,
  onClose,
}: {
  heading: string;
  lines: Array<{ id: number; text: string }>;
  onClose: () => void;
}) {
  return (
    <div className="notice ok rc-auto" role="status" data-testid="auto-result">
      <div className="rc-auto-head">
        <strong>{heading}</strong>
        <Button small onClick={onClose}>
          关闭
        </Button>
      </div>
      {lines.length > 0 && (
        <ul className={lines.length > 6 ? 'rc-many' : undefined}>
          {lines.map((line) => (
            <li key={line.id}>{line.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
