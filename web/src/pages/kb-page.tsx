// Knowledge bases: every base with its counts; one base's documents with Q&A counts and ingest errors; upload files
// or a folder with progress; delete documents or the base; re-index.

import { useState } from 'preact/hooks';
import { kbNamePattern } from '../../../src/core/kb-name';
import { downloadFile, getJson, sendJson } from '../api';
import { UploadZone } from '../components/upload-zone';
import { useI18n } from '../i18n';
import type { DocumentInfo, IngestError, KbSummary } from '../types';
import { useApi } from '../use-api';
import { navigate } from '../use-hash-route';

// The one knowledge-base name schema, shared with the server.
const namePattern = kbNamePattern;

export function KbPage(props: { selected?: string | undefined }) {
  const { t } = useI18n();
  const kbs = useApi(() => getJson<{ kbs: KbSummary[] }>('/api/kbs'), 'kbs');
  const [draft, setDraft] = useState('');
  const selected = props.selected;
  return (
    <section class="kbs">
      <aside class="sidebar">
        <ul class="kb-list" data-testid="kb-list">
          {kbs.data?.kbs.map((kb) => (
            <li key={kb.name}>
              <a href={`#/kbs/${encodeURIComponent(kb.name)}`} class={`kb-link ${selected === kb.name ? 'active' : ''}`}>
                <strong>{kb.name}</strong>
                <span class="muted small">
                  {kb.documents} {t('documents')} · {kb.questions} {t('questions')} ({kb.answered} {t('answered')})
                </span>
              </a>
            </li>
          ))}
        </ul>
        <form
          class="new-kb"
          onSubmit={(event) => {
            event.preventDefault();
            if (namePattern.test(draft)) navigate('kbs', draft);
          }}
        >
          <input
            value={draft}
            placeholder={t('newKb')}
            aria-label={t('kbName')}
            data-testid="kb-name"
            onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={!namePattern.test(draft)} aria-label={t('kbName')}>
            →
          </button>
        </form>
        {draft !== '' && !namePattern.test(draft) && (
          <p class="error small" role="alert" data-testid="kb-name-error">
            {t('kbNameRule')}
          </p>
        )}
      </aside>
      <div class="kb-detail">
        {selected ? (
          <KbDetail key={selected} name={selected} exists={kbs.data?.kbs.some((kb) => kb.name === selected) ?? false} onChange={kbs.reload} />
        ) : (
          <p class="muted">{t('newKb')}</p>
        )}
      </div>
    </section>
  );
}

function KbDetail(props: { name: string; exists: boolean; onChange: () => void }) {
  const { t } = useI18n();
  // A base that does not exist yet (just named, nothing uploaded) is not asked for: that would be a 404 in the console.
  const shown = useApi(
    () =>
      !props.exists
        ? Promise.resolve(undefined)
        : getJson<{ summary: KbSummary; documents: DocumentInfo[]; errors: IngestError[] }>(`/api/kbs/${encodeURIComponent(props.name)}`).catch((error) => {
            if ((error as { status?: number }).status === 404) return undefined;
            throw error;
          }),
    `${props.name}:${props.exists}`,
  );
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const base = `/api/kbs/${encodeURIComponent(props.name)}`;
  const refresh = () => {
    shown.reload();
    props.onChange();
  };
  const act = async (run: () => Promise<unknown>, confirmFirst = false) => {
    if (confirmFirst && !window.confirm(t('confirmDelete'))) return;
    setBusy(true);
    setMessage('');
    try {
      await run();
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const builtin = props.name === 'builtin';
  return (
    <div>
      <header class="row spread">
        <h2>{props.name}</h2>
        {!builtin && shown.data && (
          <span class="row">
            <button type="button" disabled={busy} onClick={() => act(() => sendJson('POST', `${base}/reindex`))} data-testid="reindex">
              {t('reindex')}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => act(() => sendJson('DELETE', base).then(() => navigate('kbs')), true)}>
              {t('deleteKb')}
            </button>
          </span>
        )}
      </header>
      {message && <p class="error">{message}</p>}
      {builtin ? <p class="muted">{t('builtinReadOnly')}</p> : <UploadZone kb={props.name} onDone={refresh} />}
      {shown.data && (
        <div class="table-wrap">
          <table data-testid="documents">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('format')}</th>
                <th>{t('questions')}</th>
                <th>{t('units')}</th>
                <th>{t('ingestedAt')}</th>
                <th>{t('lastIndexed')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.data.documents.map((document) => (
                <tr key={document.id}>
                  <td class="label">{document.name}</td>
                  <td>{document.format}</td>
                  <td>
                    {document.questions} ({document.answered} {t('answered')})
                  </td>
                  <td>{document.units}</td>
                  <td>{new Date(document.ingestedAt).toLocaleString()}</td>
                  <td data-testid="indexed-at">{new Date(document.indexedAt ?? document.ingestedAt).toLocaleString()}</td>
                  <td class="row">
                    {!builtin && (
                      <>
                        <button
                          type="button"
                          class="ghost small"
                          onClick={() => act(() => downloadFile(`${base}/documents/${document.id}/file`, document.name.split('/').at(-1) ?? 'file'))}
                        >
                          {t('download')}
                        </button>
                        <button
                          type="button"
                          class="ghost small danger"
                          onClick={() => act(() => sendJson('DELETE', `${base}/documents/${document.id}`), true)}
                        >
                          {t('delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown.data && shown.data.errors.length > 0 && (
        <>
          <h3>{t('ingestErrors')}</h3>
          <ul class="errors" data-testid="ingest-errors">
            {shown.data.errors.map((error) => (
              <li key={error.id}>
                <strong>{error.name}</strong>: {error.message} <span class="muted">({error.code})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
