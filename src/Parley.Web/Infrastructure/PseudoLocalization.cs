using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Parley.Common;

namespace Parley.Web.Infrastructure;

/// <summary>
/// The interface strings, with the pseudo-locales (qps-ploc, qps-plocm) made from English as they are read: every string found
/// in the resources comes out accented, longer and between ⟦ ⟧. A key missing from the resources comes out as it is, unmarked,
/// so a browser test in the pseudo-locale finds it with anything else that does not come from the resources.
/// </summary>
public sealed class ParleyLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);

    public IStringLocalizer Create(Type resourceSource) => new PseudoAware(_inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new PseudoAware(_inner.Create(baseName, location));

    private sealed class PseudoAware(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Pseudo(inner[name]);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var template = this[name];
                return new(name, string.Format(System.Globalization.CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound, template.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Pseudo);

        private static LocalizedString Pseudo(LocalizedString s) =>
            s.ResourceNotFound || !Languages.IsPseudo(System.Globalization.CultureInfo.CurrentUICulture)
                ? s
                : new(s.Name, Parley.Common.Pseudo.Localize(s.Value), false, s.SearchedLocation);
    }
}
