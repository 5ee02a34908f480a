// The four rating buttons of the drill, each with the interval it would schedule (as Anki shows them: "重来 10分钟",
// "良好 1天"), the key that presses it, and the grader's suggestion marked. A hint caps the choice at Hard.
import { type StringKey, type Translate, useI18n } from '../i18n';
import type { Rating } from '../types';

export const ratingOrder: Rating[] = ['again', 'hard', 'good', 'easy'];

const units: Record<string, StringKey> = { min: 'unitMin', h: 'unitHour', d: 'unitDay', mo: 'unitMonth', y: 'unitYear' };

/** The API's interval label ("10 min", "3 h", "2 d", "4 mo", "1.5 y") in the UI language ("10分钟", "1天"). */
export function intervalText(label: string, t: Translate): string {
  const match = /^(\d+(?:\.\d+)?) (min|h|d|mo|y)$/.exec(label);
  const unit = match?.[2] ? units[match[2]] : undefined;
  return match && unit ? `${match[1]}${t(unit)}` : label;
}

export function RatingButtons(props: {
  intervals: { rating: Rating; label: string }[];
  suggested: Rating;
  /** The best rating allowed (Hard after a hint); better ones are disabled. */
  cap?: Rating | undefined;
  onRate: (rating: Rating) => void;
}) {
  const { t } = useI18n();
  const capIndex = props.cap ? ratingOrder.indexOf(props.cap) : ratingOrder.length - 1;
  return (
    <fieldset class="ratings">
      <legend class="muted small">{t('rateRecall')}</legend>
      <div class="rating-row">
        {ratingOrder.map((rating, index) => {
          const interval = props.intervals.find((entry) => entry.rating === rating);
          const suggested = props.suggested === rating;
          return (
            <button
              key={rating}
              type="button"
              class={`rating rating-${rating} ${suggested ? 'suggested' : ''}`}
              onClick={() => props.onRate(rating)}
              disabled={index > capIndex}
              data-testid={`rate-${rating}`}
              aria-keyshortcuts={String(index + 1)}
            >
              <span class="rating-name">
                <kbd>{index + 1}</kbd> {t(rating)}
              </span>
              {interval && (
                <span class="rating-interval" data-testid={`interval-${rating}`}>
                  {intervalText(interval.label, t)}
                </span>
              )}
              {suggested && <span class="rating-suggested">{t('suggested')}</span>}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
