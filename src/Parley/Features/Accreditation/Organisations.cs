using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;

namespace Parley.Features.Accreditation;

/// <summary>Stakeholder organisations: registration with a focal point account, details and representatives.</summary>
public static partial class Organisations
{
    public sealed record RegisterRequest(string? Name, string? Acronym, string? Type, string? Country, string? Website, string? Email,
        string? FocalPointName, string? Password, bool ConfirmNotDuplicate = false);

    public sealed record RepresentativeRow(int Id, string Name, string? Title, string Gender, string? Nationality);

    public sealed record OrganisationRow(string Code, string Name, string? Acronym, string Type, string Country, string? RegionalGroup,
        string? Website, string Email, IReadOnlyList<RepresentativeRow> Representatives);

    public static string TypeSlug(OrganisationType t) => t switch
    {
        OrganisationType.Ngo => "ngo",
        OrganisationType.CivilSociety => "civil-society",
        OrganisationType.Academic => "academic",
        OrganisationType.PrivateSector => "private-sector",
        OrganisationType.Diaspora => "diaspora",
        OrganisationType.MigrantOrganisation => "migrant-organisation",
        OrganisationType.Nhri => "nhri",
        OrganisationType.Parliament => "parliament",
        OrganisationType.LocalAuthority => "local-authority",
        OrganisationType.Intergovernmental => "intergovernmental",
        OrganisationType.UnEntity => "un-entity",
    };

    public static OrganisationType? ParseType(string? slug) =>
        Enum.GetValues<OrganisationType>().Cast<OrganisationType?>().FirstOrDefault(t => TypeSlug(t!.Value) == slug?.Trim().ToLowerInvariant());

    public static async Task<IReadOnlyList<string>> SimilarNamesAsync(ParleyDb db, string name, string? exceptCode, CancellationToken ct = default)
    {
        var normalized = OrganisationNames.Normalize(name);
        var names = await db.Organisations.AsNoTracking().Where(o => o.Code != exceptCode).Select(o => new { o.Name, o.NormalizedName }).ToListAsync(ct);
        return names.Where(o => OrganisationNames.Similarity(o.NormalizedName, normalized) >= OrganisationNames.DuplicateThreshold)
            .Select(o => o.Name).Take(5).ToList();
    }

    /// <summary>What anyone who registers is told, whether or not the address already had an account (so the answer tells no one which addresses do).</summary>
    public sealed record RegistrationReceipt(string Email, string Message);

    public const string ReceiptMessage = "Registration received. We sent a link to this address: open it to confirm the address, then sign in. "
        + "If the address already has an account, the e-mail says so instead.";

    /// <summary>
    /// Registers an organisation and its focal point's stakeholder account, which signs in once its address is confirmed
    /// through the link e-mailed to it. A name nearly identical to one already registered is refused with the similar
    /// (public) names until the applicant confirms theirs is a different organisation. An address that already has an
    /// account creates nothing: its holder is e-mailed instead, and the answer is the same as for a new registration.
    /// </summary>
    public static async Task<Result<RegistrationReceipt>> RegisterAsync(ParleyDb db, UserManager<ParleyUser> users, Notifier notifier, TimeProvider clock,
        string baseUrl, RegisterRequest r, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Require("name", r.Name).Require("email", r.Email).Require("focalPointName", r.FocalPointName).Require("password", r.Password)
            .PlainText("name", r.Name).PlainText("acronym", r.Acronym).PlainText("focalPointName", r.FocalPointName);
        var (type, country) = await ValidateDetailsAsync(db, r.Name, r.Acronym, r.Type, r.Country, r.Website, r.Email, errors, ct);
        if (!string.IsNullOrEmpty(r.Password) && !errors.Any)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, new ParleyUser(), r.Password);
                if (!check.Succeeded)
                {
                    errors.Add("password", string.Join(" ", check.Errors.Select(e => e.Description)));
                }
            }
        }
        if (!errors.Any && !r.ConfirmNotDuplicate)
        {
            var similar = await SimilarNamesAsync(db, r.Name!, null, ct);
            if (similar.Count > 0)
            {
                errors.Add("name", $"Already registered with a very similar name: {string.Join("; ", similar)}. If yours is a different organisation, confirm it and submit again.");
            }
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var email = r.Email!.Trim();
        var receipt = new RegistrationReceipt(email, ReceiptMessage);
        var site = baseUrl.TrimEnd('/');
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct))
        {
            notifier.QueueMail(email, Phrase.Of("Mail.RegistrationExisting"), Phrase.Of("Mail.RegistrationExistingBody", r.Name!.Trim(), $"{site}/account/login"));
            await notifier.FlushAsync(ct);
            return receipt;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = new Organisation($"org-{Guid.NewGuid():N}"[..16], r.Name!.Trim(), Clean(r.Acronym), type!.Value, country!, Clean(r.Website), email, now);
        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        db.Organisations.Add(organisation);
        db.AuditAction = "organisation.registered";
        await db.SaveChangesAsync(ct);
        var user = new ParleyUser
        {
            UserName = email,
            Email = email,
            DisplayName = r.FocalPointName!.Trim(),
            Kind = PrincipalKind.Stakeholder,
            OrganisationCode = organisation.Code,
            IsFocalPoint = true,
            EmailConfirmed = false, // confirmed by the link below; sign-in waits for it
            CreatedAt = now,
        };
        db.AuditAction = "account.created";
        var created = await users.CreateAsync(user, r.Password!);
        if (!created.Succeeded)
        {
            // A race with another registration of the same address: answer as for an existing account.
            return created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                ? receipt
                : Error.Validation("password", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(ct);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        notifier.QueueMail(email, Phrase.Of("Mail.Confirm"), Phrase.Of("Mail.ConfirmBody", organisation.Name,
            $"{site}/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}"));
        await notifier.FlushAsync(ct);
        return receipt;
    }

    /// <summary>Confirms an address from the e-mailed link.</summary>
    public static async Task<Result<bool>> ConfirmEmailAsync(ParleyDb db, UserManager<ParleyUser> users, string? userId, string? token)
    {
        var user = string.IsNullOrWhiteSpace(userId) || userId.Length > 450 ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return Error.Forbidden("This link is not valid.");
        }
        if (user.EmailConfirmed)
        {
            return true;
        }
        db.AuditAction = "account.email-confirmed";
        var result = await users.ConfirmEmailAsync(user, token);
        return result.Succeeded ? true : Error.Forbidden("This link is not valid: it has expired or was altered.");
    }

    public sealed record UpdateRequest(string? Name, string? Acronym, string? Type, string? Country, string? Website, string? Email);

    public static async Task<Result<OrganisationRow>> UpdateAsync(ParleyDb db, Viewer viewer, string code, UpdateRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsStakeholderOf(code) || !viewer.FocalPoint)
        {
            return Error.Forbidden("Only the organisation's focal point changes its details.");
        }
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Code == code, ct);
        if (organisation is null)
        {
            return Error.NotFound("No such organisation.");
        }
        var errors = new FieldErrors().Require("name", r.Name).Require("email", r.Email).PlainText("name", r.Name).PlainText("acronym", r.Acronym);
        var (type, country) = await ValidateDetailsAsync(db, r.Name, r.Acronym, r.Type, r.Country, r.Website, r.Email, errors, ct);
        if (errors.Any)
        {
            return errors.ToError();
        }
        organisation.Update(r.Name!.Trim(), Clean(r.Acronym), type!.Value, country!, Clean(r.Website), r.Email!.Trim());
        db.AuditAction = "organisation.updated";
        await db.SaveChangesAsync(ct);
        return (await GetAsync(db, code, ct))!;
    }

    public sealed record RepresentativeRequest(string? Name, string? Title, string? Gender, string? Nationality);

    public static async Task<Result<RepresentativeRow>> AddRepresentativeAsync(ParleyDb db, Viewer viewer, string code, RepresentativeRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsStakeholderOf(code) || !viewer.FocalPoint)
        {
            return Error.Forbidden("Only the organisation's focal point designates its representatives.");
        }
        var organisation = await db.Organisations.Include(o => o.Representatives).FirstOrDefaultAsync(o => o.Code == code, ct);
        if (organisation is null)
        {
            return Error.NotFound("No such organisation.");
        }
        var errors = new FieldErrors().Require("name", r.Name).PlainText("name", r.Name).PlainText("title", r.Title);
        if (r.Name is { Length: > 200 } || r.Title is { Length: > 200 })
        {
            errors.Add("name", "Name and title take at most 200 characters each.");
        }
        if (!Enum.TryParse<Gender>(r.Gender, ignoreCase: true, out var gender) || int.TryParse(r.Gender, out _))
        {
            errors.Add("gender", "Say the gender (female, male, other), or that it is not stated (undisclosed); nothing is assumed.");
        }
        var nationality = string.IsNullOrWhiteSpace(r.Nationality) ? null : r.Nationality.Trim().ToUpperInvariant();
        if (nationality is not null && !await db.States.AnyAsync(s => s.Iso3 == nationality, ct))
        {
            errors.Add("nationality", $"'{nationality}' is not the ISO3 code of a State.");
        }
        if (organisation.Representatives.Count >= 50)
        {
            errors.Add("name", "At most 50 representatives per organisation.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var representative = organisation.AddRepresentative(r.Name!.Trim(), Clean(r.Title), gender, nationality);
        db.AuditAction = "representative.added";
        await db.SaveChangesAsync(ct);
        return ToRow(representative);
    }

    public static async Task<Result<bool>> RemoveRepresentativeAsync(ParleyDb db, Viewer viewer, string code, int id, CancellationToken ct = default)
    {
        if (!viewer.IsStakeholderOf(code) || !viewer.FocalPoint)
        {
            return Error.Forbidden("Only the organisation's focal point designates its representatives.");
        }
        var organisation = await db.Organisations.Include(o => o.Representatives).FirstOrDefaultAsync(o => o.Code == code, ct);
        if (organisation is null || !organisation.RemoveRepresentative(id))
        {
            return Error.NotFound("No such representative.");
        }
        db.AuditAction = "representative.removed";
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static async Task<OrganisationRow?> GetAsync(ParleyDb db, string code, CancellationToken ct = default)
    {
        var o = await db.Organisations.AsNoTracking().Include(x => x.Representatives).FirstOrDefaultAsync(x => x.Code == code, ct);
        if (o is null)
        {
            return null;
        }
        var group = await db.States.AsNoTracking().Where(s => s.Iso3 == o.CountryIso3).Select(s => s.RegionalGroup).FirstOrDefaultAsync(ct);
        return new OrganisationRow(o.Code, o.Name, o.Acronym, TypeSlug(o.Type), o.CountryIso3, group?.ToString(), o.Website, o.Email,
            o.Representatives.OrderBy(r => r.Id).Select(ToRow).ToList());
    }

    private static RepresentativeRow ToRow(Representative r) => new(r.Id, r.Name, r.Title, r.Gender.ToString().ToLowerInvariant(), r.NationalityIso3);

    private static async Task<(OrganisationType? Type, string? Country)> ValidateDetailsAsync(ParleyDb db, string? name, string? acronym, string? typeText,
        string? countryText, string? website, string? email, FieldErrors errors, CancellationToken ct)
    {
        if (name is { Length: > 300 })
        {
            errors.Add("name", "At most 300 characters.");
        }
        if (acronym is { Length: > 40 })
        {
            errors.Add("acronym", "At most 40 characters.");
        }
        var type = ParseType(typeText);
        if (type is null)
        {
            errors.Add("type", $"Use one of: {string.Join(", ", Enum.GetValues<OrganisationType>().Select(TypeSlug))}.");
        }
        var country = countryText?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country) || !await db.States.AnyAsync(s => s.Iso3 == country, ct))
        {
            errors.Add("country", "Give the ISO3 code of the State where the organisation has its headquarters, e.g. KEN.");
        }
        if (!string.IsNullOrWhiteSpace(website) && (website.Length > 300 || !Uri.TryCreate(website.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add("website", "Give a full web address starting with https://.");
        }
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > 256 || !EmailRegex().IsMatch(email.Trim())))
        {
            errors.Add("email", "Give a valid e-mail address.");
        }
        return (type, country);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")]
    private static partial Regex EmailRegex();
}
