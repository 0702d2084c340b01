using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Lantern.Features.Language;

/// <summary>The managers' report of victim-blaming wording found on saving: a training signal, without any child's details.</summary>
[Authorize(Policy = Policies.LanguageReports)]
public sealed class ReportModel(LanguageReport report, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public LanguageReportData? Data { get; private set; }

    public LanguageReportFilter Filter { get; private set; } = default!;

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public bool PartnershipWide => report.PartnershipWide;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, errors) = LanguageReportFilter.Parse(Request.Query, calendar.LocalDate(time.GetUtcNow()));
        Filter = filter;
        Agencies = [.. (await report.AgenciesAsync(ct)).Select(a => new SelectListItem(a.Name, a.Id.ToString(), filter.Agency == a.Id))];
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        if (ModelState.IsValid)
        {
            Data = await report.ReadAsync(filter, AuditCode.LanguageReportViewed, ct);
        }
        return Page();
    }
}
