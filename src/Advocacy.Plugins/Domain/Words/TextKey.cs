namespace Advocacy.Plugins.Domain.Words
{
    /// <summary>
    /// The key of every user-facing text. Each key has an entry in every <see cref="StringTable"/> (tests hold the
    /// tables to that, placeholders included); the comment on a key names its placeholders.
    /// </summary>
    public enum TextKey
    {
        // Vocabulary
        TierStrategic, TierKey, TierStandard, TierUnknown /* {0} value */,
        BandLow, BandModerate, BandHigh, BandSevere, BandUnknown /* {0} value */,
        SpecialtyLogistics, SpecialtyBilling, SpecialtyTechnical, SpecialtyOnboarding, SpecialtyUnknown /* {0} value */,
        DayOne /* {0} */, DaysMany /* {0} */, DayOneWithin /* {0} */, DaysManyWithin /* {0} */,

        // Impact explanation (DESIGN §3)
        ImpactHeadline /* {0} score, {1} band */, ImpactHeadlineCapped /* {0} score, {1} band, {2} sum */,
        ImpactExplanation /* {0} headline, {1} parts, {2} loss sentence */, ImpactComponent /* {0} text, {1} points */,
        DelayNoPromise, DelayOpenNotYetLate, DelayDeliveredOnTime, DelayResolvedByPromise,
        DelayOpenLate /* {0} days */, DelayDeliveredLate /* {0} days */, DelayResolvedLate /* {0} days */,
        CriticalOrder, CriticalProduct, CriticalService, CriticalOther,
        MoneyAtStake /* {0} amount */, TierCustomer /* {0} tier */,
        RecurrenceOne /* {0} count, {1} window */, RecurrenceMany /* {0} count, {1} window */,
        LossReported /* {0} amount */, LossNotEstimated, LossEstimated /* {0} amount */, LossEstimatedAtLeast /* {0} amount */,
        FieldOrderValue, FieldReportedLoss,
        ErrorUnknownKind /* {0} value */, ErrorNotInconvenienceKind /* {0} value, {1} kinds */, ErrorUnknownTier /* {0} value */, ErrorAmountNegative /* {0} field, {1} amount */,
        ErrorAmountTooLarge /* {0} field, {1} amount */, ErrorNegativeRecentCount /* {0} count */,

        // Task texts (DESIGN §5)
        TaskTierSuffix /* {0} tier */, TaskNoAdvocatePreface, TaskManagerPreface /* {0} advocate, {1} account */,
        TaskNoManagerPreface /* {0} advocate */, TaskNoAdvocateStandInPreface /* {0} owner */,
        TaskNoManagerStandInPreface /* {0} advocate, {1} owner */, UnassignedStandInPreface /* {0} owner */, TaskCoveringPreface /* {0} advocate, {1} account, {2} why */,
        TaskAdvocateAway /* {0} advocate */,
        IntroductionSubject /* {0} account */, IntroductionText /* {0} advocate, {1} account, {2} tier suffix, {3} due */,
        IntroductionWhyYou /* {0} reason */,
        ImpactReviewSubject /* {0} account, {1} score, {2} band */, ImpactReviewWhatToDo /* {0} account, {1} due */,
        CheckInSubject /* {0} account, {1} case */, CheckInUntitledCase,
        CheckInText /* {0} case, {1} account, {2} resolved on, {3} due, {4} tier, {5} days */, CheckInTierTiming, CheckInNoTierTiming,
        ProactiveSubject /* {0} account */, ProactiveText /* {0} account, {1} planned, {2} cadence note, {3} due */,
        ProactiveCadenceNote /* {0} cadence */,
        DetractorSubject /* {0} account, {1} scores */, DetractorText /* {0} account, {1} scores, {2} comments, {3} due */,
        EscalationSubject /* {0} account, {1} nps */, EscalationText /* {0} account, {1} nps, {2} comments, {3} due */,
        ScoresBoth /* {0} nps, {1} csat */, ScoresNps /* {0} nps */, ScoresCsat /* {0} csat */,
        CommentsNone, CommentsQuoted /* {0} comments */,
        UnassignedSubject /* {0} account */, UnassignedText /* {0} why, {1} account, {2} tier suffix */, UnassignedNoReason,

        // Cadence (DESIGN §5)
        CadenceOverride /* {0} days */, CadenceNoTier /* {0} days */, CadenceTier /* {0} tier, {1} days */,

        // Assignment reasons (DESIGN §4)
        ReasonNoTier, ReasonNoTierShort, ReasonUnknownTierValue /* {0} value */,
        ReasonPreviousNotFound, ReasonPreviousInactive /* {0} name */, ReasonPreviousNoUser /* {0} name */,
        ReasonPreviousNotCovering /* {0} name, {1} tier */,
        ReasonKept /* {0} name, {1} load */, ReasonKeptAtCapacity /* {0} name, {1} load */,
        ReasonAlreadyAdvocated /* {0} account name, {1} trigger */, ReasonAccountInactive /* {0} account name */,
        ReasonChose /* {0} name, {1} load */, ReasonChoseSpecialist /* {0} name, {1} specialty, {2} load */,
        ReasonChoseNoSpecialist /* {0} name, {1} specialty, {2} load */,
        ReasonDuplicateOne /* {0} count */, ReasonDuplicatesMany /* {0} count */,
        ReasonNoneCovers /* {0} tier */, ReasonNoneOneCovers /* {0} count, {1} tier */, ReasonNoneManyCover /* {0} count, {1} tier */,
        ReasonNoneOneState /* {0} covering, {1} state */, ReasonNoneAllState /* {0} covering, {1} state */,
        ReasonNoneMixed /* {0} covering, {1} parts */, ReasonNonePart /* {0} count, {1} state */,
        StateAtCapacity, StateOutOfOffice, StateWithoutUser, StateDuplicateProfile,
        RouteAway /* {0} name, {1} absence */, AwayUntil /* {0} date */, AwayNoReturn,
        RouteWaits /* {0} away */, RouteStaysWith /* {0} why, {1} name */, RouteToBackup /* {0} away, {1} backup */,
        RouteAnd /* {0} away, {1} stop */, RouteNoBackup, RouteBackupAlsoAway /* {0} backup */, RouteBackupNotFound,
        RouteBackupLoop /* {0} backup */, RouteBackupInactive /* {0} backup */, RouteBackupNoUser /* {0} backup */,
        ClosedAutomatically /* {0} why */, HandOverNoAdvocate, HandOverNewAdvocate /* {0} advocate */, NowTheAdvocate /* {0} advocate */, MergedInto /* {0} surviving account */, InconvenienceRemoved, AnswerRemoved,

        // Errors a user reads (InvalidPluginExecutionException, AdvocacyInputException)
        ErrorInconvenienceWithoutAccount, ErrorFeedbackWithoutAccount, ErrorFeedbackNoScore,
        ErrorCsatRange /* {0} value */, ErrorNpsRange /* {0} value */,
        ErrorNotTaskKind /* {0} value, {1} kinds */, ErrorDueDaysRange /* {0} max, {1} value */, ErrorFollowUpSubject,
        ErrorFollowUpAccount, ErrorPeriodDays /* {0} min, {1} max, {2} value, {3} default */, ErrorMaxTasks,
        ErrorLoyaltyAccountMissing /* {0} id */, ErrorScoringAccountMissing /* {0} id */,
        ErrorRecordMissing /* {0} record kind, {1} id */, RecordAccount, RecordCase, RecordCheckInTask,
        ErrorCurrencyMissing /* {0} currency id or "base" */, ErrorCurrencyNoRate /* {0} ISO code */,
        ErrorProductRows /* {0} table */, ErrorProductColumn /* {0} table, {1} column, {2} why */, ErrorProductColumns /* {0} table, {1} columns, {2} why */,
        WhyProductTaskColumns, WhyProductAccountColumns, WhyProductCaseColumns, WhyProductColumns,
        ErrorTaskNotCreated /* {0} kind, {1} account id, {2} fault */, ErrorContinuation,
        ErrorProfileChangeCannotShare /* {0} account id */,
        ErrorMergeProductColumns /* {0} account name, {1} columns, {2} why */, ErrorMergeAdvocacyColumns /* {0} account name, {1} columns */,
        ErrorAdvocateStillAdvocates /* {0} profile */, ErrorAdvocateNamedByInactive /* {0} profile */, ErrorAdvocateStillBacksUp /* {0} profile, {1} advocate it backs up */,
        ErrorAssignAdvocateNeedsAccount, ErrorAssignActivityNeedsAccount, ErrorScheduleNeedsAccount,
        ErrorFeedbackRowMissing, ErrorStepNeedsPostImage /* {0} step */, ErrorScoringNeedsTarget, ErrorStepNeedsTarget,
        ErrorPlatformDidNotSupply /* {0} service */, ErrorWorkflowHostDidNotSupply /* {0} service */,

        // The settings variable's errors (AdvocacySettingsException): read by the admin who edits the JSON, or by
        // the user whose save met them. Paths, keys and numbers are quoted in JSON's notation in every language.
        SettingsNotJson /* {0} variable, {1} reason (the JSON reader's, a Json… phrase), {2} line, {3} column, {4} path */,
        SettingsInvalid /* {0} variable, {1} path, {2} problem */, SettingsInvalidFound /* {0} variable, {1} path, {2} problem, {3} found */,
        SettingsFoundObject, SettingsFoundArray,
        SettingsEmptySubject, SettingsRepeatedSubject, SettingsCalendarName, SettingsTrueOrFalse,
        // The JSON reader's syntax reasons ({0}: what was found, a code point or hexadecimal digits; JSON's tokens as written).
        JsonEmpty, JsonAfterEnd, JsonEndExpectedValue, JsonExpectedValue, JsonExpectedKey, JsonDuplicateKey, JsonExpectedColon,
        JsonEndExpectedCommaBrace, JsonExpectedCommaBrace, JsonEndExpectedCommaBracket, JsonExpectedCommaBracket, JsonUnterminatedString,
        JsonControlCharacter, JsonUnpairedSurrogate, JsonUnterminatedEscape, JsonInvalidEscape, JsonLowSurrogateExpected,
        JsonUnpairedSurrogateEscape, JsonIncompleteUnicodeEscape, JsonInvalidUnicodeEscape, JsonNumberDigit, JsonLeadingZeros,
        JsonNumberDigitAfterDot, JsonNumberExponent, JsonTooDeep, JsonEndOfText,
        SettingsOneOf /* {0} choices */, SettingsOneOfOrNull /* {0} choices */,
        SettingsUnknownKey /* {0} hint */, SettingsDidYouMean /* {0} key */, SettingsAllowedKeys /* {0} keys */, SettingsObject,
        SettingsNumberBetween /* {0} min, {1} max */, SettingsNumberAbove /* {0} min, {1} max */, SettingsWholeBetween /* {0} min, {1} max */,
        SettingsGreaterThan /* {0} path, {1} value */, SettingsAtLeast /* {0} path, {1} value */,
        SettingsLessThan /* {0} path, {1} value */, SettingsAtMost /* {0} path, {1} value */,
    }
}
