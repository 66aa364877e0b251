import Foundation

/// The public channel's abuse limits (templates/security.toml `[public]`): the listener on the open
/// internet takes complaints and enquiries from anyone, so each client address, each complaint
/// number and each form is bounded.
public struct PublicChannelLimits: Sendable, Equatable {
    /// Complaints one client address may submit in an hour (then 429 with Retry-After).
    public var submissionsPerHour: Int
    /// Progress enquiries and ratings one client address may send in an hour (then 429).
    public var enquiriesPerHour: Int
    /// Wrong PINs for one complaint number, from whatever addresses, that lock its enquiry.
    public var pinFailures: Int
    /// How long such a lock lasts (minutes), from the last wrong PIN.
    public var pinLockMinutes: Int
    /// A form posted sooner than this after it was served (seconds) is refused: people read first.
    public var minimumFormSeconds: Int

    public init(submissionsPerHour: Int, enquiriesPerHour: Int, pinFailures: Int, pinLockMinutes: Int, minimumFormSeconds: Int) {
        self.submissionsPerHour = submissionsPerHour
        self.enquiriesPerHour = enquiriesPerHour
        self.pinFailures = pinFailures
        self.pinLockMinutes = pinLockMinutes
        self.minimumFormSeconds = minimumFormSeconds
    }

    /// What templates/security.toml ships with.
    public static let standard = PublicChannelLimits(submissionsPerHour: 5, enquiriesPerHour: 30, pinFailures: 5,
                                                     pinLockMinutes: 30, minimumFormSeconds: 3)

    public var pinLockSeconds: TimeInterval { TimeInterval(pinLockMinutes * 60) }

    /// A public form's token is accepted for this long after the form was served (a person may take
    /// a while to write a complaint on a phone, not a day).
    public static let formLifetimeSeconds: TimeInterval = 4 * 3600
}
