using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;

namespace Parley.Features.Notifications;

/// <summary>
/// Writes in-app notifications into the caller's unit of work, and sends the matching e-mails once that work is saved.
/// By default e-mails go to a pickup folder (Mail:PickupFolder, ./data/mail) as .eml files, so nothing is needed to run it;
/// Mail:Mode=smtp sends them through Mail:Host/Port/User/Password with MailKit.
/// </summary>
public sealed class Notifier(IConfiguration configuration, TimeProvider clock, ILogger<Notifier> logger)
{
    private readonly List<(string Email, string Subject, string Body)> _outbox = [];

    /// <summary>A notice to accounts, each written in the language its holder chose (English when none).</summary>
    public async Task QueueAsync(ParleyDb db, IEnumerable<string> userIds, Phrase subject, Phrase body, string? link, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.Email, u.Culture }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var user in users)
        {
            var culture = (Languages.Find(user.Culture) ?? Languages.Find(Languages.Source)!).Info;
            var (title, text) = (subject.Render(culture), body.Render(culture));
            db.Notifications.Add(new Notification(user.Id, title, text, link, now));
            if (user.Email is { Length: > 0 } email)
            {
                _outbox.Add((email, title, link is null ? text : $"{text}\n\n{link}"));
            }
        }
    }

    /// <summary>An e-mail to an address (not an in-app notice): for people who may not have a usable account yet.</summary>
    /// <remarks>Written in the language of the request that causes it (the person registering reads their own language).</remarks>
    public void QueueMail(string email, Phrase subject, Phrase body) =>
        _outbox.Add((email, subject.Render(System.Globalization.CultureInfo.CurrentUICulture), body.Render(System.Globalization.CultureInfo.CurrentUICulture)));

    public async Task QueueToKindAsync(ParleyDb db, PrincipalKind kind, Phrase subject, Phrase body, string? link, CancellationToken ct = default) =>
        await QueueAsync(db, await db.Users.AsNoTracking().Where(u => u.Kind == kind).Select(u => u.Id).ToListAsync(ct), subject, body, link, ct);

    /// <summary>Sends what was queued. Called after the save succeeded; a mail failure is logged, never undoes the save.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var pending = _outbox.ToList();
        _outbox.Clear();
        if (pending.Count == 0)
        {
            return;
        }
        var from = MailboxAddress.Parse(configuration["Mail:From"] ?? "parley@localhost");
        var smtp = string.Equals(configuration["Mail:Mode"], "smtp", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var client = smtp ? new SmtpClient() : null;
            if (client is not null)
            {
                await client.ConnectAsync(configuration["Mail:Host"] ?? "localhost", int.TryParse(configuration["Mail:Port"], out var port) ? port : 25,
                    MailKit.Security.SecureSocketOptions.Auto, ct);
                if (configuration["Mail:User"] is { Length: > 0 } user)
                {
                    await client.AuthenticateAsync(user, configuration["Mail:Password"] ?? "", ct);
                }
            }
            var folder = configuration["Mail:PickupFolder"] ?? Path.Combine("data", "mail");
            foreach (var (email, subject, body) in pending)
            {
                var message = new MimeMessage();
                message.From.Add(from);
                message.To.Add(MailboxAddress.Parse(email));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = body };
                if (client is not null)
                {
                    await client.SendAsync(message, ct);
                }
                else
                {
                    Directory.CreateDirectory(folder);
                    await message.WriteToAsync(Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml"), ct);
                }
            }
            if (client is not null)
            {
                await client.DisconnectAsync(quit: true, ct);
            }
        }
        catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException
                                   or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException or UnauthorizedAccessException
                                   or MailKit.Security.AuthenticationException)
        {
            logger.LogWarning(e, "Could not send {Count} notification e-mail(s); they remain in the app.", pending.Count);
        }
    }
}
