import Desk
import GongkaiCore
import Testing

@Suite struct WorkflowTests {
    @Test func theClosedLoop() throws {
        var state = ComplaintStatus.registered
        for (action, expected) in [(ComplaintAction.accept, ComplaintStatus.accepted), (.transfer, .transferred),
                                   (.assign, .inProgress), (.extend, .inProgress), (.reply, .replied),
                                   (.callback, .calledBack), (.close, .closed), (.reopen, .review),
                                   (.reply, .replied)] {
            state = try Workflow.next(id: "TS-202610-0001", from: state, anonymous: false, action: action, rating: "满意")
            #expect(state == expected)
        }
    }

    @Test func dissatisfiedCallerGetsTheMatterRedone() throws {
        #expect(try Workflow.next(id: "X", from: .replied, anonymous: false, action: .callback, rating: "不满意") == .redo)
        #expect(Workflow.allowed(from: .redo, anonymous: false) == [.transfer, .assign, .reply, .extend, .extendRequest, .pause, .supervise, .urge, .merge])
    }

    @Test func invalidStepNamesStateAndAllowedSteps() {
        #expect(throws: DeskError.invalidStep(id: "TS-202610-0001", status: .registered, action: .reply,
                                              allowed: [.accept, .return, .supervise, .merge])) {
            try Workflow.next(id: "TS-202610-0001", from: .registered, anonymous: false, action: .reply)
        }
        let error = DeskError.invalidStep(id: "TS-202610-0001", status: .registered, action: .reply,
                                          allowed: [.accept, .return, .supervise])
        #expect(error.description == "TS-202610-0001 is 登记: 'reply' is not allowed now; allowed next steps: accept, return, supervise")
        #expect(throws: DeskError.self) { try Workflow.next(id: "X", from: .closed, anonymous: false, action: .extend) }
        #expect(throws: DeskError.self) { try Workflow.next(id: "X", from: .returned, anonymous: false, action: .reopen) }
    }

    @Test func onlyAnonymousComplaintsCloseWithoutCallback() throws {
        #expect(throws: DeskError.self) { try Workflow.next(id: "X", from: .replied, anonymous: false, action: .close) }
        #expect(try Workflow.next(id: "X", from: .replied, anonymous: true, action: .close) == .closed)
    }

    @Test func finishedComplaintsAllowOnlyReopen() {
        #expect(Workflow.allowed(from: .closed, anonymous: false) == [.reopen])
        #expect(Workflow.allowed(from: .returned, anonymous: false).isEmpty)
    }

    @Test func aPausedComplaintOnlyResumesAndARequestIsDecidedBeforeAnother() {
        #expect(Workflow.allowed(from: .inProgress, .init(anonymous: false, paused: true)) == [.resume, .supervise, .merge])
        let requested = Workflow.allowed(from: .inProgress, .init(anonymous: false, extensionRequested: true))
        #expect(requested.contains(.extendApprove) && requested.contains(.extendReject) && !requested.contains(.extendRequest))
        #expect(!Workflow.allowed(from: .inProgress, anonymous: false).contains(.extendApprove))
        #expect(Workflow.allowed(from: .review, anonymous: false).contains(.pause))
        #expect(!Workflow.allowed(from: .merged, anonymous: false).contains(.merge))
    }
}
