import GongkaiCore
import Testing

@Suite struct ComplaintNumberTests {
    @Test(arguments: [("TS-202612-0001", "TS-202612-0001"), ("ts-202612-0001", "TS-202612-0001"),
                      ("202612-0001", "TS-202612-0001"), ("TS202612-0001", "TS-202612-0001"),
                      (" ２０２６１２-０００１ ", "TS-202612-0001"), ("TS-202612-12345", "TS-202612-12345")])
    func staffTypeANumberManyWays(typed: String, number: String) {
        #expect(ComplaintNumber.parse(typed) == number)
    }

    @Test(arguments: ["低保金", "2026-12-01", "202613-0001", "TS-2026-0001", "202612-01", "202612-0001号", "", "TS-"])
    func textThatIsNoNumberIsSearchedAsText(typed: String) {
        #expect(ComplaintNumber.parse(typed) == nil)
    }
}
