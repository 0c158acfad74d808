// Small helpers to build the page from data without ever parsing data as
// markup, and to render bilingual names with the right direction.

import { currentLang } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h('td', {class: 'x'}, child, 'text', [more]). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, like h. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

// Letters of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo,
// and the Arabic presentation forms.
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** True when the first letter with a strong direction is right-to-left. */
export function isRTL(text) {
  const m = STRONG.exec(text || '');
  return !!m && RTL.test(m[0]);
}

/**
 * A name in its own direction, isolated from the text around it (<bdi>),
 * so that "مارك روته (NATO)" never reorders its neighbours.
 */
export function bdi(text, attrs = {}) {
  const rtl = isRTL(text);
  return h('bdi', { lang: rtl ? 'ar' : 'en', dir: rtl ? 'rtl' : 'ltr', ...attrs }, text);
}

/**
 * English and Arabic names side by side, the interface language first;
 * one name when the other is unknown or the same.
 */
export function names(en, ar, attrs = {}) {
  const parts = [];
  if (en) parts.push(bdi(en, { class: 'name-en' }));
  if (ar && ar !== en) parts.push(bdi(ar, { class: 'name-ar' }));
  if (currentLang() === 'ar') parts.reverse();
  return h('span', { class: 'names', ...attrs }, parts);
}

/** Plain text of a name pair for titles and datalists: "Mark Rutte · مارك روته". */
export function namesText(en, ar) {
  const both = ar && ar !== en ? [en, ar] : [en || ar];
  if (currentLang() === 'ar') both.reverse();
  // U+2068/U+2069 isolate each name inside one plain string.
  return both.filter(Boolean).map((n) => `\u2068${n}\u2069`).join(' · ');
}

/** Removes the isolation marks namesText adds. */
export function stripIsolates(text) {
  return text.replace(/[\u2066-\u2069]/g, '');
}

/** Slices a string by Unicode code points, as the API's offsets count. */
export function sliceCodePoints(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}
