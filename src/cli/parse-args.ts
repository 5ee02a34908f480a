// Thin wrapper over node:util parseArgs that turns its errors into usage errors (exit 2) and reads numbers safely.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError('usage', `${(error as Error).message}\n\nusage: ${usage}`, { cause: error });
  }
}

/** Parses a numeric flag; undefined stays undefined, anything else non-numeric or out of range is a usage error. */
export function numberFlag(value: string | undefined, name: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  const bad =
    value.trim() === '' ||
    !Number.isFinite(parsed) ||
    (range.integer === true && !Number.isInteger(parsed)) ||
    (range.min !== undefined && parsed < range.min) ||
    (range.max !== undefined && parsed > range.max);
  if (bad) {
    const bounds = [range.min !== undefined ? `>= ${range.min}` : '', range.max !== undefined ? `<= ${range.max}` : ''].filter(Boolean).join(' and ');
    throw new AppError('usage', `--${name} must be a${range.integer ? 'n integer' : ' number'}${bounds ? ` ${bounds}` : ''}, got "${value}"`);
  }
  return parsed;
}
