// Tells GOV.UK Frontend's styles that scripts run, before the page paints (kept out of an inline script for CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
