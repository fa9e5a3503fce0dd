// The API docs page: reads /api/openapi.json and writes every operation, grouped by tag.
// Text goes in with textContent only, so nothing in the document can run as markup.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** An element with optional class and text, and children appended in order. */
function el(tag, { cls, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The object a local "$ref" points at ("#/components/..."), or the value itself. */
function resolve(spec, value, seen = new Set()) {
  if (!value || typeof value !== 'object' || !value.$ref) return value;
  if (seen.has(value.$ref)) return { description: `(see ${value.$ref.split('/').pop()})` };
  seen.add(value.$ref);
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node, key) => node?.[key], spec);
  return resolve(spec, target, seen);
}

/** A schema written out as a readable JSON-like outline, $refs expanded (cycles cut). */
function outline(spec, schema, depth = 0, seen = new Set()) {
  if (!schema) return 'any';
  const pad = '  '.repeat(depth);
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop();
    if (seen.has(name) || depth > 6) return name;
    return outline(spec, resolve(spec, schema), depth, new Set([...seen, name]));
  }
  if (schema.type === 'array') return `[${outline(spec, schema.items, depth, seen)}, …]`;
  if (schema.type === 'object' || schema.properties) {
    const props = Object.entries(schema.properties || {});
    if (!props.length) {
      const values = schema.additionalProperties;
      return values ? `{name: ${outline(spec, values, depth, seen)}}` : '{…}';
    }
    const required = new Set(schema.required || []);
    const lines = props.map(([name, prop]) => {
      const flags = [required.has(name) ? 'required' : '', prop.readOnly ? 'read-only' : '']
        .filter(Boolean)
        .join(', ');
      return `${pad}  ${name}: ${outline(spec, prop, depth + 1, seen)}${flags ? `  (${flags})` : ''}`;
    });
    return `{\n${lines.join('\n')}\n${pad}}`;
  }
  let text = schema.type || 'any';
  if (schema.format) text += ` (${schema.format})`;
  if (schema.enum) text = schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) bounds.push(`length ≥ ${schema.minLength}`);
  if (schema.maxLength !== undefined) bounds.push(`length ≤ ${schema.maxLength}`);
  if (schema.nullable) bounds.push('or null');
  return bounds.length ? `${text} ${bounds.join(', ')}` : text;
}

/** The id of an operation's heading, for the table of contents. */
function anchor(method, path) {
  return `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}`;
}

function parametersTable(spec, parameters) {
  if (!parameters.length) return null;
  const rows = parameters.map((raw) => {
    const p = resolve(spec, raw);
    return el(
      'tr',
      {},
      el('td', {}, el('code', { text: p.name })),
      el('td', { text: p.in }),
      el('td', { text: outline(spec, p.schema) }),
      el('td', { text: `${p.required ? 'required. ' : ''}${p.description || ''}` }),
    );
  });
  const head = el(
    'tr',
    {},
    ...['name', 'in', 'type', 'notes'].map((t) => el('th', { text: t, attrs: { scope: 'col' } })),
  );
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows));
}

function bodySection(spec, requestBody) {
  const body = resolve(spec, requestBody);
  if (!body?.content) return null;
  const [type, media] = Object.entries(body.content)[0];
  return el(
    'div',
    {},
    el('h4', { text: `Request body (${type})` }),
    el('pre', { text: outline(spec, media.schema) }),
  );
}

function responsesSection(spec, responses) {
  const rows = Object.entries(responses || {}).map(([code, raw]) => {
    const response = resolve(spec, raw);
    const media = response.content && Object.values(response.content)[0];
    const cell = el('td', {}, el('p', { text: response.description || '' }));
    if (media?.schema && code.startsWith('2'))
      cell.append(el('pre', { text: outline(spec, media.schema) }));
    return el('tr', {}, el('td', { cls: 'status', text: code }), cell);
  });
  return el('div', {}, el('h4', { text: 'Responses' }), el('table', {}, el('tbody', {}, ...rows)));
}

function operationCard(spec, method, path, operation, shared) {
  const id = anchor(method, path);
  const heading = el(
    'h3',
    { attrs: { id } },
    el('span', { cls: `method method-${method}`, text: method.toUpperCase() }),
    ' ',
    el('code', { text: path }),
  );
  if (operation.security?.length)
    heading.append(' ', el('span', { cls: 'lock', text: '(sign-in needed)' }));
  const parameters = [...shared, ...(operation.parameters || [])];
  return el(
    'article',
    { cls: 'operation', attrs: { 'aria-labelledby': id } },
    heading,
    el('p', { text: operation.summary || '' }),
    operation.description ? el('p', { text: operation.description }) : null,
    parameters.length ? el('h4', { text: 'Parameters' }) : null,
    parametersTable(spec, parameters),
    bodySection(spec, operation.requestBody),
    responsesSection(spec, operation.responses),
  );
}

/** Operations grouped by their first tag, in the document's tag order. */
function byTag(spec) {
  const groups = new Map((spec.tags || []).map((t) => [t.name, { tag: t, operations: [] }]));
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const name = item[method].tags?.[0] || 'other';
      if (!groups.has(name)) groups.set(name, { tag: { name }, operations: [] });
      groups
        .get(name)
        .operations.push({ method, path, operation: item[method], shared: item.parameters || [] });
    }
  }
  return [...groups.values()].filter((g) => g.operations.length);
}

function render(spec) {
  const main = document.getElementById('endpoints');
  const toc = document.getElementById('toc');
  document.getElementById('title').textContent =
    `${spec.info.title} (version ${spec.info.version})`;
  document.title = spec.info.title;
  main.replaceChildren();
  for (const { tag, operations } of byTag(spec)) {
    const sectionId = `tag-${tag.name}`;
    const section = el(
      'section',
      { cls: 'tag', attrs: { 'aria-labelledby': sectionId } },
      el('h2', { text: tag.description || tag.name, attrs: { id: sectionId } }),
    );
    const links = el('ol');
    for (const op of operations) {
      section.append(operationCard(spec, op.method, op.path, op.operation, op.shared));
      links.append(
        el(
          'li',
          {},
          el('a', {
            text: `${op.method.toUpperCase()} ${op.path}`,
            attrs: { href: `#${anchor(op.method, op.path)}` },
          }),
        ),
      );
    }
    main.append(section);
    toc.append(
      el(
        'li',
        {},
        el('a', { text: tag.description || tag.name, attrs: { href: `#${sectionId}` } }),
        links,
      ),
    );
  }
}

fetch('/api/openapi.json', { headers: { Accept: 'application/json' } })
  .then((response) => {
    if (!response.ok) throw new Error(`status ${response.status}`);
    return response.json();
  })
  .then(render)
  .catch((error) => {
    document.getElementById('status').textContent =
      `The API description could not be loaded (${error.message}).`;
  });
