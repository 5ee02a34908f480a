// Uploads files or a whole folder into a knowledge base, one file per request so the progress bar moves per file
// and per byte, and shows each file's outcome (added, unchanged, failed with its reason).
import { useRef, useState } from 'preact/hooks';
import { supportedExtensions } from '../../../src/core/formats';
import { ApiFailure, uploadFiles } from '../api';
import { type StringKey, useI18n } from '../i18n';
import type { FileReport, IngestResult } from '../types';

// The one format table, shared with the server (uploads accept exactly what ingest reads).
const accepted = supportedExtensions;

export function UploadZone(props: { kb: string; onDone: () => void }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<{ done: number; total: number; fraction: number } | undefined>();
  const [reports, setReports] = useState<FileReport[]>([]);
  const [dragging, setDragging] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  const upload = async (files: File[]) => {
    const isAccepted = (file: File) => accepted.some((extension) => file.name.toLowerCase().endsWith(extension));
    const wanted = files.filter(isAccepted);
    // Files of other formats are named, not silently dropped (package.json, images, ...).
    const refused: FileReport[] = files
      .filter((file) => !isAccepted(file))
      .map((file) => ({ id: '', name: file.name, outcome: 'skipped', reason: `${t('unsupportedFormat')} (${accepted.join(' ')})` }));
    setReports(refused);
    if (wanted.length === 0 || !props.kb) return;
    for (const [index, file] of wanted.entries()) {
      setProgress({ done: index, total: wanted.length, fraction: 0 });
      const name = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
      try {
        const result = await uploadFiles<IngestResult>(`/api/kbs/${encodeURIComponent(props.kb)}/documents`, [{ file, name }], (fraction) =>
          setProgress({ done: index, total: wanted.length, fraction }),
        );
        setReports((current) => [...current, ...result.files]);
      } catch (error) {
        const reason = error instanceof ApiFailure ? error.message : String(error);
        setReports((current) => [...current, { id: '', name, outcome: 'failed', reason }]);
      }
    }
    setProgress(undefined);
    props.onDone();
  };

  const onPick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    void upload([...(input.files ?? [])]);
    input.value = '';
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the file inputs inside are the accessible controls
    <div
      class={`upload-zone ${dragging ? 'dragging' : ''}`}
      data-testid="upload-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void upload([...(event.dataTransfer?.files ?? [])]);
      }}
    >
      <p class="muted">{t('dropHere')}</p>
      <div class="row">
        <label class="button primary">
          {t('uploadFiles')}
          <input type="file" multiple accept={accepted.join(',')} onChange={onPick} data-testid="upload-input" hidden />
        </label>
        <label class="button">
          {t('uploadFolder')}
          <input
            type="file"
            ref={(element) => {
              folderInput.current = element;
              element?.setAttribute('webkitdirectory', '');
            }}
            onChange={onPick}
            hidden
          />
        </label>
      </div>
      {progress && (
        <div class="progress" data-testid="upload-progress">
          <div class="progress-bar" style={{ width: `${((progress.done + progress.fraction) / progress.total) * 100}%` }} />
          <span>
            {t('uploading')} {progress.done + 1}/{progress.total}
          </span>
        </div>
      )}
      {reports.length > 0 && (
        <ul class="reports" data-testid="upload-reports">
          {reports.map((report) => (
            <li key={`${report.name}-${report.id}`} class={`outcome-${report.outcome}`}>
              <strong>{t(outcomeLabels[report.outcome])}</strong> {report.name}
              {report.questions !== undefined ? ` · ${report.questions} ${t('questions')}` : ''}
              {report.reason ? ` · ${report.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const outcomeLabels: Record<'added' | 'updated' | 'unchanged' | 'skipped' | 'failed', StringKey> = {
  added: 'outcomeAdded',
  updated: 'outcomeUpdated',
  unchanged: 'outcomeUnchanged',
  skipped: 'outcomeSkipped',
  failed: 'outcomeFailed',
};
