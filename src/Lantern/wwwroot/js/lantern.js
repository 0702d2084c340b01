import { initAll } from '/lib/govuk-frontend.min.js';
import { initDraftAutosave } from '/js/autosave.js';
import { initLanguageGuard } from '/js/language-guard.js';
import { initLevelCharts } from '/js/level-chart.js';
import { initNetworkGraphs } from '/js/network-graph.js';

initAll();
initDraftAutosave();
initLanguageGuard();
initLevelCharts();
initNetworkGraphs();
