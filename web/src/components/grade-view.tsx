// A graded answer: the score, the key points covered and missed, the wrong claims it made with their corrections,
// whether hints were used, and the reference answer with its sources.

import { displayPath } from '../format';
import { pick, type StringKey, useI18n } from '../i18n';
import type { Grade, QuestionItem } from '../types';
import { MarkdownView } from './markdown-view';
import { WrongClaims } from './wrong-claims';

const flagLabels: Record<string, StringKey> = { empty: 'flagEmpty', copied: 'flagCopied', off_topic: 'flagOffTopic' };

export function GradeView(props: { grade: Grade; item: QuestionItem }) {
  const { t, language } = useI18n();
  const { grade } = props;
  const shown = (point: { zh: string; en: string }) => point[language] || point.zh;
  return (
    <div class="grade" data-testid="grade">
      <div class="score">
        <span class="score-value" data-testid="grade-score">
          {grade.score.toFixed(1)}
        </span>
        <span class="muted">/ 5 · {t('score')}</span>
        {grade.flags.length > 0 && (
          <span class="chip warn" data-testid="grade-flags">
            {grade.flags.map((flag) => t(flagLabels[flag] ?? 'flagOffTopic')).join(';')}
          </span>
        )}
      </div>
      {grade.hintsUsed > 0 && (
        <p class="muted small" data-testid="grade-hints">
          {t('hintsUsedNote')} ({grade.hintsUsed})
        </p>
      )}
      <WrongClaims claims={grade.misconceptions} testId="grade-claims" />
      <div class="points">
        <div>
          <h4>{t('covered')}</h4>
          <ul class="covered" data-testid="covered">
            {grade.points
              .filter((point) => point.covered)
              .map((point) => (
                <li key={point.zh}>✓ {shown(point)}</li>
              ))}
          </ul>
        </div>
        <div>
          <h4>{t('missed')}</h4>
          <ul class="missed" data-testid="missed">
            {grade.points
              .filter((point) => !point.covered)
              .map((point) => (
                <li key={point.zh}>✗ {shown(point)}</li>
              ))}
          </ul>
        </div>
      </div>
      <h4>{t('referenceAnswer')}</h4>
      <MarkdownView source={pick(props.item.answer, language)} testId="reference" />
      <p class="muted small">
        {t('sources')}: {props.item.sources.map((source) => `${displayPath(source.path, source.kb)}:${source.line}`).join(', ')}
      </p>
    </div>
  );
}
