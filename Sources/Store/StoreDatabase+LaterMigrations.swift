import GRDB

extension StoreDatabase {
    /// Migrations added by later modules' needs (desk workflow, indicator snapshots, releases),
    /// in the order they were introduced.
    static func registerLaterMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-desk", migrate: migrateDesk)
        registerIndicatorViews(&m)
        m.registerMigration("v4-caller-identity", migrate: migrateCallerIdentity)
        m.registerMigration("v4-accounts", migrate: migrateAccounts)
        m.registerMigration("v5-web-sessions", migrate: migrateWebSessions)
        m.registerMigration("v6-payment-standards", migrate: migratePaymentStandards)
        m.registerMigration("v7-desk-steps", migrate: migrateDeskSteps)
        m.registerMigration("v8-desk-search", migrate: migrateDeskSearch)
        m.registerMigration("v9-desk-attachments", migrate: migrateDeskAttachments)
        m.registerMigration("v10-desk-indexes", migrate: migrateDeskIndexes)
        m.registerMigration("v11-account-duties", migrate: migrateAccountDuties)
        m.registerMigration("v12-provisional-deadlines", migrate: migrateProvisionalDeadlines)
        m.registerMigration("v13-desk-dispatch", migrate: migrateDeskDispatch)
        m.registerMigration("v14-public-channel", migrate: migratePublicChannel)
        m.registerMigration("v15-desk-dashboard-indexes", migrate: migrateDeskCounts)
        m.registerMigration("v16-members", migrate: migrateMembers)
        m.registerMigration("v17-matching", migrate: migrateMatching)
        m.registerMigration("v18-attachment-content", migrate: migrateAttachmentContent)
        m.registerMigration("v19-active-enrolment", migrate: migrateActiveEnrolment)
        m.registerMigration("v20-indicator-aggregates", migrate: migrateIndicatorAggregates)
    }
}
