// The client's program: fresh from the server when online, else the copy kept on this phone.
import { ApiError, isNetworkError } from './api.js';
import { keptGet, keptPut } from './store.js';

/**
 * Load the current program. Resolves {program, offline}: program is null when none is assigned;
 * offline is true when the kept copy is shown because the server could not be reached.
 */
export async function loadProgram(api, userId) {
  const key = `${userId}:program`;
  try {
    const program = await api.get('/api/me/program');
    await keptPut(key, program);
    return { program, offline: false };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      await keptPut(key, null);
      return { program: null, offline: false };
    }
    if (!isNetworkError(error)) throw error;
    return { program: (await keptGet(key)) ?? null, offline: true };
  }
}
