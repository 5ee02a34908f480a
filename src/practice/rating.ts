// The four FSRS ratings as plain strings, the rating a grade implies, the hint cap, and parsing what a user types.
// Pure.

export const ratings = ['again', 'hard', 'good', 'easy'] as const;
export type Rating = (typeof ratings)[number];

/**
 * Score (0-5) -> rating. Below 1.5 the answer missed nearly everything (Again); below 2.5 it recalled a part (Hard);
 * 4.2 and up covers nearly all points in substance (Easy). The bands are checked on the labelled grading set.
 */
export function ratingForScore(score: number): Rating {
  if (score < 1.5) return 'again';
  if (score < 2.5) return 'hard';
  if (score < 4.2) return 'good';
  return 'easy';
}

/** The lower of a rating and a cap (a hint caps the rating at Hard). */
export function capRating(rating: Rating, cap: Rating | undefined): Rating {
  if (!cap) return rating;
  return ratings.indexOf(rating) <= ratings.indexOf(cap) ? rating : cap;
}

/** "1"-"4" or a rating name (any case, or its first letter); undefined for anything else. */
export function parseRating(input: string): Rating | undefined {
  const text = input.trim().toLowerCase();
  if (/^[1-4]$/.test(text)) return ratings[Number(text) - 1];
  return ratings.find((rating) => rating === text || (text.length === 1 && rating.startsWith(text)));
}

export function ratingLabel(rating: Rating): string {
  return `${rating[0]?.toUpperCase() ?? ''}${rating.slice(1)}`;
}
