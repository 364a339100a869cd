namespace Parley.Features.Notifications;

/// <summary>A message to one account, shown in the app and also sent by e-mail.</summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string userId, string subject, string body, string? link, DateTime createdAt)
    {
        UserId = userId;
        Subject = subject;
        Body = body;
        Link = link;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public void MarkRead(DateTime at) => ReadAt ??= at;
}
