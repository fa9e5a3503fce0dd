// The client's trends for a chosen range: fresh when online, else the copy kept on this phone.
import { isNetworkError } from './api.js';
import { firstLogAt } from './charts/range-picker.js';
import { rangeQuery, rangeSearch } from './charts/trend-shape.js';
import { keptGet, keptPut } from './store.js';

/** The key a range's copy is kept under: the fixed ranges by their days, as before. */
function keptKey(userId, range) {
  if (range.key === 'custom') return `${userId}:trends:custom:${range.from}:${range.to}`;
  return `${userId}:trends:${range.key === 'first' ? 'first' : range.days}`;
}

/**
 * Load /api/me/trends for a range of the range picker (a FIXED_RANGES entry, {key: 'first'} or
 * {key: 'custom', from, to}). Resolves {trends, offline}, or {trends: null, message} when the
 * range has nothing to show (nothing logged yet for "since the first log").
 */
export async function loadTrends(api, userId, range) {
  const key = keptKey(userId, range);
  try {
    const asked =
      range.key === 'first' ? { ...range, firstLog: await firstLogAt(api, '/api/me/logs') } : range;
    const query = rangeQuery(asked);
    if (query.error) return { trends: null, offline: false, message: query.error };
    const trends = await api.get(`/api/me/trends?${rangeSearch(query)}`);
    await keptPut(key, trends);
    return { trends, offline: false };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    return { trends: (await keptGet(key)) ?? null, offline: true };
  }
}
