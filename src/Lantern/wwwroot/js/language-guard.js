// Free text marked data-lantern-language-guard is read by the language guard while the person types:
// after a short pause the text goes to the check service, and what it found is shown below the field
// with why it harms and what to write instead. The text is never changed and the focus never moves;
// the panel is a polite live region, so a screen reader says what was found when the person pauses.
// Without scripts the form saves as it always did, and the server reads the text again on save.

// Long enough not to check half a word, short enough to feel immediate.
const PAUSE_MS = 700;
// The check service refuses longer texts; the server still checks them on save.
const LIMIT = 20000;
const CHECK_URL = '/api/v1/language/check';

const SEVERITY = {
  advice: ['Advice', 'govuk-tag--grey'],
  warning: ['Warning', 'govuk-tag--orange'],
  serious: ['Serious', 'govuk-tag--red'],
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** The same markup as LanguageFindingsHtml.Findings on the server, built without parsing any text as HTML. */
function render(findings) {
  const box = element('div', 'govuk-inset-text lantern-language-guard__findings');
  const warning = element('div', 'govuk-warning-text');
  const icon = element('span', 'govuk-warning-text__icon', '!');
  icon.setAttribute('aria-hidden', 'true');
  const title = element('strong', 'govuk-warning-text__text');
  title.append(element('span', 'govuk-visually-hidden', 'Warning'),
    findings.length === 1
      ? ' Check this wording: it can put the blame on the child'
      : ` Check this wording: ${findings.length} phrases can put the blame on the child`);
  warning.append(icon, title);
  const list = element('ul', 'govuk-list lantern-language-guard__list');
  for (const finding of findings) {
    const [severity, tagClass] = SEVERITY[finding.severity] ?? [String(finding.severity), 'govuk-tag--grey'];
    const phrase = element('p', 'govuk-body govuk-!-margin-bottom-1');
    phrase.append(element('mark', 'lantern-language-guard__phrase', `\u201C${finding.phrase}\u201D`), ' ',
      element('strong', `govuk-tag ${tagClass}`, severity));
    const alternatives = element('ul', 'govuk-list govuk-list--bullet');
    for (const alternative of finding.alternatives ?? []) {
      alternatives.append(element('li', null, alternative));
    }
    const item = element('li');
    item.append(phrase, element('p', 'govuk-body govuk-!-margin-bottom-1', finding.reason),
      element('p', 'govuk-body govuk-!-margin-bottom-1', 'Instead, consider:'), alternatives);
    list.append(item);
  }
  box.append(warning, list);
  return box;
}

/** The panel the server wrote below the field, or a new one for a field that only has the attribute. */
function panelFor(field) {
  const id = `${field.id}-language`;
  let panel = document.getElementById(id);
  if (!panel) {
    panel = element('div', 'lantern-language-guard');
    panel.id = id;
    panel.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', panel);
    const describedBy = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', describedBy ? `${describedBy} ${id}` : id);
  }
  return panel;
}

class GuardedField {
  constructor(field) {
    this.field = field;
    this.panel = panelFor(field);
    this.timer = 0;
    this.checked = field.value;
    this.asked = 0;
    this.request = null;
    // What the panel shows, so that it is rewritten (and read out) only when the findings change.
    // The server's panel after a save is taken as unknown: the first answer replaces it.
    this.shown = this.panel.childElementCount > 0 ? null : '';
  }

  start() {
    this.field.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), PAUSE_MS);
    });
  }

  async check() {
    const text = this.field.value;
    if (text === this.checked) {
      return;
    }
    this.checked = text;
    this.request?.abort();
    if (!text.trim() || text.length > LIMIT) {
      this.show([]);
      return;
    }
    const asked = ++this.asked;
    this.request = new AbortController();
    let findings;
    try {
      const response = await fetch(CHECK_URL, {
        method: 'POST',
        body: JSON.stringify({ text }),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'fetch' },
        credentials: 'same-origin',
        signal: this.request.signal,
      });
      if (!response.ok) {
        throw new Error(`check answered ${response.status}`);
      }
      findings = (await response.json()).findings ?? [];
    } catch {
      // Signed out, offline, or overtaken by newer text: say nothing new. The next pause asks again,
      // and the save checks on the server whatever happened here.
      if (asked === this.asked) {
        this.checked = null;
      }
      return;
    }
    // A slower answer to older text must not replace the answer to newer text.
    if (asked === this.asked) {
      this.show(findings);
    }
  }

  show(findings) {
    const shown = findings.map((f) => `${f.entryId}:${f.phrase.toLowerCase()}`).join('|');
    if (shown === this.shown) {
      return;
    }
    this.shown = shown;
    if (findings.length === 0) {
      this.panel.replaceChildren();
    } else {
      this.panel.replaceChildren(render(findings));
    }
  }
}

export function initLanguageGuard(root = document) {
  if (!('fetch' in window)) {
    return;
  }
  for (const field of root.querySelectorAll('[data-lantern-language-guard]')) {
    if (field.id) {
      new GuardedField(field).start();
    }
  }
}
