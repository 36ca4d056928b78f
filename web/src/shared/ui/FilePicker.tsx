import { useId } from "react";
import { useI18n } from "@/shared/i18n";
import { ACCEPTED_TYPES, fileProblem, MAX_BYTES } from "@/shared/upload/upload";

export interface PickedFile {
  file: File;
  progress: number;
}

/** A file input that lists the chosen files, refuses wrong types with a clear message, and shows progress. */
export function FilePicker({
  id,
  files,
  onChange,
  error,
  onProblem,
}: {
  id: string;
  files: PickedFile[];
  onChange: (files: PickedFile[]) => void;
  error?: string;
  onProblem: (message: string | undefined) => void;
}) {
  const { t } = useI18n();
  const hintId = useId();
  const types = Object.values(ACCEPTED_TYPES).join(", ");
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{t("files.label")}</label>
      <p className="hint" id={hintId}>
        {t("files.hint", { types, mb: MAX_BYTES / 1024 / 1024 })}
      </p>
      {error && (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        type="file"
        multiple
        accept={Object.keys(ACCEPTED_TYPES).join(",")}
        aria-describedby={error ? `${hintId} ${id}-error` : hintId}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          const bad = chosen.find((f) => fileProblem(f));
          if (bad) {
            const problem = fileProblem(bad)!;
            onProblem(t(`files.problem.${problem}`, { name: bad.name, types, mb: MAX_BYTES / 1024 / 1024 }));
          } else onProblem(undefined);
          onChange([...files, ...chosen.filter((f) => !fileProblem(f)).map((file) => ({ file, progress: 0 }))]);
          event.target.value = "";
        }}
      />
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((f, i) => (
            <li key={`${f.file.name}-${i}`}>
              <span>{f.file.name}</span>
              <progress max={100} value={f.progress} aria-label={t("files.progress", { name: f.file.name })} />
              <button type="button" className="link-button" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                {t("files.remove", { name: f.file.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
