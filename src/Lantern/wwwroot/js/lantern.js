import { initAll } from '/lib/govuk-frontend.min.js';
import { initDraftAutosave } from '/js/autosave.js';
import { initLanguageGuard } from '/js/language-guard.js';

initAll();
initDraftAutosave();
initLanguageGuard();
