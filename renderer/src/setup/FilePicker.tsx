import { useState } from 'react';
import { fileUpload } from '../api';
import { isDesktop, pickImportFile } from '../platform';
import { Button } from '../ui/components';

export interface Upload {
  name: string;
  content: string;
}

/**
 * Picks an import file (.csv/.xlsx) and reads it at once into the API's upload shape, so a later
 * import sends exactly the bytes that were chosen. The desktop app uses the native dialog; a browser
 * uses a file input (re-choosing the same file after fixing it works: the input is cleared each time).
 */
export function FilePicker({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: Upload | undefined;
  onChange: (upload: Upload | undefined) => void;
  disabled?: boolean;
}) {
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string>();
  const name = value ? (
    <span className="file-name" title={value.name}>
      <span data-testid="file-name">{value.name}</span>
      <span className="hint"> · {sizeText(value.content)}</span>
    </span>
  ) : (
    <span className="file-name hint">{reading ? '正在读取…' : '未选择文件'}</span>
  );
  const picker = isDesktop ? (
    <Button
      disabled={disabled}
      onClick={async () => {
        const picked = await pickImportFile(`选择${label}`);
        if (picked) onChange(picked);
      }}
    >
      选择文件…
    </Button>
  ) : (
    <label className={`btn file-pick${disabled ? ' disabled' : ''}`}>
      选择文件…
      <input
        type="file"
        className="visually-hidden"
        accept=".csv,.xlsx,.txt"
        aria-label={label}
        disabled={disabled}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setReading(true);
          setProblem(undefined);
          try {
            onChange(await fileUpload(file));
          } catch {
            setProblem(`无法读取文件“${file.name}”，请确认文件没有被其他程序占用后重新选择`);
            onChange(undefined);
          } finally {
            setReading(false);
          }
        }}
      />
    </label>
  );
  return (
    <span className="file-picker">
      {picker}
      {name}
      {problem && <span className="field-error">{problem}</span>}
    </span>
  );
}

function sizeText(base64: string): string {
  const bytes = Math.floor((base64.length * 3) / 4);
  return bytes < 1024
    ? `${bytes} 字节`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
}
