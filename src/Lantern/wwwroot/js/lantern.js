import { initAll } from '/lib/govuk-frontend.min.js';
import { initDraftAutosave } from '/js/autosave.js';

initAll();
initDraftAutosave();
