import ArgumentParser
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status")
}
