// The client's trends for the last N days: fresh when online, else the copy kept on this phone.
import { isNetworkError } from './api.js';
import { localDay } from './safety-stop.js';
import { keptGet, keptPut } from './store.js';

/** Load /api/me/trends for the last `days` local days. Resolves {trends, offline}. */
export async function loadTrends(api, userId, days) {
  const key = `${userId}:trends:${days}`;
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - (days - 1));
  try {
    const trends = await api.get(
      `/api/me/trends?from=${localDay(from)}&to=${localDay(to)}&bucket=day`,
    );
    await keptPut(key, trends);
    return { trends, offline: false };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    return { trends: (await keptGet(key)) ?? null, offline: true };
  }
}
