// A long form saves itself while the person types, and what they typed survives an expired sign-in:
// it is kept in this browser tab, put back after they sign in again, and saved. Any form can take part
// through its data attributes: data-lantern-autosave (where its fields are posted in the background),
// data-lantern-keep (its name in the tab) and data-lantern-autosave-mode="keep" (keep in the tab, never
// post). The page's status line and notices carry data-lantern-save-status, data-lantern-signed-out and
// data-lantern-restored. Used by each step of a draft referral and by the long forms about a child.
// Without scripts the forms post and save as they always did; this only adds to them.

// Long enough not to save in the middle of a word, short enough that little is ever unsaved.
const QUIET_MS = 1800;
// "Saving…" is said only when a save is slow, so that a screen reader is not told twice for each pause.
const SLOW_MS = 1000;
// keepalive requests may carry at most 64 KiB; a longer step is kept in the tab instead.
const KEEPALIVE_LIMIT = 60000;
// sessionStorage, never localStorage: what is kept is about a child, and the machine may be shared,
// so it must go when the tab closes.
const KEPT = 'lantern.draft.';

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isCheckable(field) {
  return field.type === 'checkbox' || field.type === 'radio';
}

/** Forgets everything kept in this tab when the person signs out on purpose. */
function forgetAllOnSignOut(root) {
  // form.action is the resolved address, so the sign-out page's own form (no action) counts too.
  for (const form of [...root.querySelectorAll('form')].filter((f) => new URL(f.action, document.baseURI).pathname === '/sign-out')) {
    form.addEventListener('submit', () => {
      const store = storage();
      for (let i = (store?.length ?? 0) - 1; i >= 0; i--) {
        const key = store.key(i);
        if (key?.startsWith(KEPT)) {
          store.removeItem(key);
        }
      }
    });
  }
}

class DraftStep {
  constructor(form, root) {
    this.form = form;
    this.url = form.dataset.lanternAutosave;
    this.key = KEPT + form.dataset.lanternKeep;
    // The mentions step's "add" fields are only kept, never saved: a mention is added with "Add".
    this.keepOnly = form.dataset.lanternAutosaveMode === 'keep';
    this.status = root.querySelector('[data-lantern-save-status]');
    this.signedOutBanner = root.querySelector('[data-lantern-signed-out]');
    this.restoredBanner = root.querySelector('[data-lantern-restored]');
    this.dirty = false;
    this.signedOut = false;
    this.saving = null;
    this.timer = 0;
    this.checking = false;
    this.leavingForGood = false;
  }

  start() {
    this.form.addEventListener('input', () => this.edited());
    this.form.addEventListener('change', () => this.edited());
    this.form.addEventListener('submit', (event) => this.submitted(event));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') {
        this.hidden();
      }
    });
    this.putBack();
  }

  fields() {
    return [...this.form.elements].filter((f) => f.name && f.id && f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button');
  }

  values() {
    const values = {};
    for (const field of this.fields()) {
      values[field.id] = isCheckable(field) ? field.checked : field.value;
    }
    return values;
  }

  /** The form's own button ("Save and continue", "Add the entry"), named when a save fails. */
  submitName() {
    const button = this.form.querySelector('button[type="submit"], button:not([type])');
    return button?.textContent.trim() || 'Save and continue';
  }

  keep() {
    try {
      storage()?.setItem(this.key, JSON.stringify(this.values()));
    } catch {
      // Storage full or refused: the page itself still holds the text while it stays open.
    }
  }

  kept() {
    try {
      return JSON.parse(storage()?.getItem(this.key) ?? 'null');
    } catch {
      return null;
    }
  }

  forget() {
    storage()?.removeItem(this.key);
  }

  say(text) {
    // Only a change is written, so a screen reader hears each state once, not each save.
    if (this.status && this.status.textContent !== text) {
      this.status.textContent = text;
    }
  }

  edited() {
    this.dirty = true;
    if (this.signedOut) {
      this.keep();
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), QUIET_MS);
  }

  hidden() {
    if (!this.dirty || this.leavingForGood) {
      return;
    }
    // The page may be going away: keepalive lets this last save outlive it. The text is not kept in
    // the tab beforehand, because if the save succeeds nobody is left to forget it, and it would be
    // "put back" later over what is saved.
    this.save(true);
  }

  /** Saves what is on the page; answers "saved", "signed-out" or "failed". One save at a time. */
  async save(leaving = false) {
    clearTimeout(this.timer);
    while (this.saving) {
      await this.saving;
    }
    if (!this.dirty && !this.signedOut) {
      return 'saved';
    }
    this.saving = this.send(leaving);
    try {
      return await this.saving;
    } finally {
      this.saving = null;
    }
  }

  async send(leaving) {
    const body = new URLSearchParams(new FormData(this.form));
    this.dirty = false;
    const slow = this.keepOnly ? 0 : setTimeout(() => this.say('Saving…'), SLOW_MS);
    let response = null;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        body,
        // Tells the server this is a script, so an expired sign-in answers 401 rather than the sign-in page.
        headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' },
        credentials: 'same-origin',
        redirect: 'manual',
        keepalive: leaving && body.toString().length < KEEPALIVE_LIMIT,
      });
    } catch {
      response = null;
    } finally {
      clearTimeout(slow);
    }
    if (response?.ok) {
      const answer = await response.json().catch(() => ({}));
      this.forget();
      this.signedOut = false;
      if (this.signedOutBanner) {
        this.signedOutBanner.hidden = true;
      }
      this.say(this.keepOnly || !answer.savedAt ? '' : `Saved at ${answer.savedAt}`);
      return 'saved';
    }
    this.dirty = true;
    this.keep();
    // A redirect can only be to the sign-in page: the save itself never redirects.
    if (response && (response.status === 401 || response.type === 'opaqueredirect')) {
      this.signedOut = true;
      if (this.signedOutBanner) {
        this.signedOutBanner.hidden = false;
      }
      this.say('Not saved: you have been signed out');
      return 'signed-out';
    }
    this.say(this.keepOnly ? '' : `Not saved yet: choose ${this.submitName()} to save your answers`);
    return 'failed';
  }

  async submitted(event) {
    if (!this.dirty && !this.signedOut && !this.saving) {
      // Everything is saved: the form posts as it does without scripts.
      this.leavingForGood = true;
      return;
    }
    // Posting now while signed out would go to the sign-in page and lose the text: save first,
    // and post only when the sign-in is still good.
    event.preventDefault();
    if (this.checking) {
      return;
    }
    this.checking = true;
    const outcome = await this.save();
    this.checking = false;
    if (outcome === 'signed-out') {
      this.signedOutBanner?.focus();
      return;
    }
    // Saved, or failed for another reason: the server's own answer to the post says what is wrong.
    this.leavingForGood = true;
    HTMLFormElement.prototype.submit.call(this.form);
  }

  /** After signing in again: what was kept in this tab goes back into the fields and is saved. */
  putBack() {
    const kept = this.kept();
    if (!kept || typeof kept !== 'object') {
      return;
    }
    let changed = false;
    for (const field of this.fields()) {
      if (!(field.id in kept)) {
        continue;
      }
      const value = kept[field.id];
      if (isCheckable(field) ? field.checked !== value : field.value !== value) {
        if (isCheckable(field)) {
          field.checked = Boolean(value);
        } else {
          field.value = String(value);
        }
        changed = true;
      }
    }
    if (!changed) {
      this.forget();
      return;
    }
    if (this.restoredBanner) {
      this.restoredBanner.hidden = false;
      this.restoredBanner.focus();
    }
    this.dirty = true;
    if (this.keepOnly) {
      this.forget();
    } else {
      this.save();
    }
  }
}

export function initDraftAutosave(root = document) {
  forgetAllOnSignOut(root);
  if (!('fetch' in window) || !storage()) {
    return;
  }
  for (const form of root.querySelectorAll('form[data-lantern-autosave]')) {
    new DraftStep(form, root).start();
  }
}
