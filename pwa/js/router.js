// Hash routes: '#/name/param' → {name, param}. The hash keeps tokens out of server logs.

export const DEFAULT_ROUTE = 'today';

/** The route named by a location hash; '#/join/abc' → {name: 'join', param: 'abc'}. */
export function parseRoute(hash) {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  return {
    name: name || DEFAULT_ROUTE,
    param: rest.length ? decodeURIComponent(rest.join('/')) : null,
  };
}

/** Go to a route; a same-hash navigation still re-renders (the hashchange would not fire). */
export function navigate(name, param = null) {
  const hash = `#/${name}${param ? `/${encodeURIComponent(param)}` : ''}`;
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}
