// A small element builder: h('button', {testid: 'save', onclick: fn}, 'Enregistrer').
// Text is always set as text, never as HTML, so nothing from the server can inject markup;
// no style attribute either (the Content-Security-Policy forbids inline styles).

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.dataset.testid = value;
    else if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (['checked', 'disabled', 'hidden', 'selected', 'required', 'readOnly'].includes(key)) {
      el[key] = Boolean(value);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/// The values of a form's named fields, trimmed (checkbox groups as arrays of checked values, a
/// radio group as its checked value, '' when none is).
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') {
      values[el.name] ??= [];
      if (el.checked) values[el.name].push(el.value);
    } else if (el.type === 'radio') {
      values[el.name] ??= '';
      if (el.checked) values[el.name] = el.value;
    } else if (el.type === 'password') {
      values[el.name] = el.value;  // a password is taken as typed
    } else {
      values[el.name] = el.value.trim();
    }
  }
  return values;
}

/// Replaces the children of `el` with `children` (null, undefined and false skipped).
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
