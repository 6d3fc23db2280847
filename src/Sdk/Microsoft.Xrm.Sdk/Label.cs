using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Metadata;

// Labels of metadata (a choice's options): one LocalizedLabel per language, and the one in the calling user's
// language. Members, constructors and setter visibility are Microsoft's (checked by eng/check-sdk.sh).
namespace Microsoft.Xrm.Sdk
{
    public sealed class Label
    {
        private LocalizedLabelCollection _localizedLabels;

        public Label()
        {
        }

        // Microsoft's adds the label to LocalizedLabels only; UserLocalizedLabel stays null (Sdk/LabelTests pins it).
        public Label(string label, int languageCode)
        {
            _localizedLabels = new LocalizedLabelCollection();
            _localizedLabels.Add(new LocalizedLabel(label, languageCode));
        }

        public Label(LocalizedLabel userLocalizedLabel, LocalizedLabel[] labels)
        {
            UserLocalizedLabel = userLocalizedLabel;
            if (labels != null)
            {
                _localizedLabels = new LocalizedLabelCollection(labels);
            }
        }

        public Label(LocalizedLabel userLocalizedLabel, List<LocalizedLabel> labels)
        {
            UserLocalizedLabel = userLocalizedLabel;
            if (labels != null)
            {
                _localizedLabels = new LocalizedLabelCollection(labels);
            }
        }

        public LocalizedLabelCollection LocalizedLabels
        {
            get => _localizedLabels ?? (_localizedLabels = new LocalizedLabelCollection());
            private set => _localizedLabels = value;
        }

        public LocalizedLabel UserLocalizedLabel { get; set; }
    }

    public sealed class LocalizedLabel : MetadataBase
    {
        public LocalizedLabel()
        {
        }

        public LocalizedLabel(string label, int languageCode)
        {
            Label = label;
            LanguageCode = languageCode;
        }

        public string Label { get; set; }

        public int LanguageCode { get; set; }
    }

    public sealed class LocalizedLabelCollection : DataCollection<LocalizedLabel>
    {
        public LocalizedLabelCollection()
        {
        }

        public LocalizedLabelCollection(IList<LocalizedLabel> list)
            : base(list)
        {
        }
    }
}
