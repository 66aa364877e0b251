/// Writes the structure tree recorded by `StructureRecorder` after Cairo's objects: the
/// `StructTreeRoot`, its parent tree (for each page, the element of each marked-content id), a
/// `Document` element holding the top-level elements, and one `StructElem` per element, numbered in
/// the order they opened. Each element holds its child elements, then its own marked-content ids (no
/// element holds both: `Flow` gives text to leaf elements only, a table's caption being its own).
///
/// - `/Alt` on each Figure, `/A << /O /Table /Scope /Column >>` on each TH;
/// - `/Pg` on every element: each lies on one page.
///
/// Written with a byte buffer and hand-formatted numbers: a 12,000-row notice has some 100,000
/// elements, and string interpolation for each took longer than Cairo's drawing.
struct StructureTreeWriter {
    let structure: StructureRecorder
    let parentTrees: [[Int32]]
    let pages: [Int]
    let rootNumber: Int
    let parentTreeNumber: Int
    let documentNumber: Int
    let firstElement: Int

    init(structure: StructureRecorder, parentTrees: [[Int32]], pages: [Int], firstNumber: Int) {
        self.structure = structure; self.parentTrees = parentTrees; self.pages = pages
        rootNumber = firstNumber
        parentTreeNumber = firstNumber + 1
        documentNumber = firstNumber + 2
        firstElement = firstNumber + 3
    }

    func write(_ emit: (Int, [UInt8]) -> Void) {
        let count = structure.count
        // Children of each element (and of the document, at index `count`), in opening order.
        var childStart = [Int32](repeating: 0, count: count + 2)
        for parent in structure.parents { childStart[parent < 0 ? count : Int(parent)] += 1 }
        var running: Int32 = 0
        for i in 0...count { let c = childStart[i]; childStart[i] = running; running += c }
        childStart[count + 1] = running
        var children = [Int32](repeating: 0, count: count)
        var fill = childStart
        for (element, parent) in structure.parents.enumerated() {
            let slot = parent < 0 ? count : Int(parent)
            children[Int(fill[slot])] = Int32(element)
            fill[slot] += 1
        }
        // Marked-content ids of each element, in order (each element lies on one page).
        var idStart = [Int32](repeating: 0, count: count + 1)
        for tree in parentTrees { for element in tree { idStart[Int(element)] += 1 } }
        running = 0
        for i in 0..<count { let c = idStart[i]; idStart[i] = running; running += c }
        idStart[count] = running
        var ids = [Int32](repeating: 0, count: Int(running))
        var next = idStart
        for tree in parentTrees {
            for (id, element) in tree.enumerated() {
                ids[Int(next[Int(element)])] = Int32(id)
                next[Int(element)] += 1
            }
        }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        func start(_ number: Int) {
            bytes.removeAll(keepingCapacity: true)
            Self.append(number, to: &bytes)
            bytes += Self.objectStart
        }
        func reference(_ number: Int) {
            Self.append(number, to: &bytes)
            bytes += Self.referenceEnd
        }

        start(rootNumber)
        bytes += Array("<< /Type /StructTreeRoot\n   /K [ ".utf8)
        reference(documentNumber)
        bytes += Array("]\n   /ParentTree ".utf8)
        reference(parentTreeNumber)
        bytes += Array("\n   /ParentTreeNextKey ".utf8)
        Self.append(pages.count, to: &bytes)
        bytes += Self.objectEnd
        emit(rootNumber, bytes)

        // The parent tree: one number tree node with every page (a few hundred arrays).
        var tree: [UInt8] = []
        Self.append(parentTreeNumber, to: &tree)
        tree += Self.objectStart + Array("<< /Nums [\n".utf8)
        for (page, elements) in parentTrees.enumerated() {
            Self.append(page, to: &tree)
            tree += Array(" [ ".utf8)
            for element in elements {
                Self.append(firstElement + Int(element), to: &tree)
                tree += Self.referenceEnd
            }
            tree += Array("]\n".utf8)
        }
        tree += Array("] >>\nendobj\n".utf8)
        emit(parentTreeNumber, tree)

        start(documentNumber)
        bytes += Array("<< /Type /StructElem\n   /S /Document\n   /P ".utf8)
        reference(rootNumber)
        bytes += Array("\n   /K [ ".utf8)
        for child in children[Int(childStart[count])..<Int(childStart[count + 1])] { reference(firstElement + Int(child)) }
        bytes += Array("]\n>>\nendobj\n".utf8)
        emit(documentNumber, bytes)

        let tags = StructureRecorder.tags.map { Array("<< /Type /StructElem\n   /S /\($0)\n   /P ".utf8) }
        for element in 0..<count {
            start(firstElement + element)
            let kind = structure.kinds[element]
            bytes += tags[Int(kind)]
            let parent = structure.parents[element]
            reference(parent < 0 ? documentNumber : firstElement + Int(parent))
            bytes += Self.pageKey
            let page = Int(structure.pages[element])
            reference(page < pages.count ? pages[page] : 0)
            if kind == StructureRecorder.headerCell {
                bytes += Self.columnScope
            } else if kind == StructureRecorder.figure, let alt = structure.alts[Int32(element)] {
                bytes += Array("\n   /Alt \(PDFAssembler.text(alt))".utf8)
            }
            // One kid stands alone (`/K 3`), as Cairo writes it; several make an array.
            let kids = children[Int(childStart[element])..<Int(childStart[element + 1])]
            let own = ids[Int(idStart[element])..<Int(idStart[element + 1])]
            let several = kids.count + own.count != 1
            bytes += several ? Self.kidsArray : Self.kidsKey
            for child in kids { reference(firstElement + Int(child)) }
            for id in own {
                Self.append(Int(id), to: &bytes)
                bytes.append(UInt8(ascii: " "))
            }
            bytes += several ? Self.arrayObjectEnd : Self.objectEnd
            emit(firstElement + element, bytes)
        }
    }

    static let pageKey = Array("\n   /Pg ".utf8), columnScope = Array("\n   /A << /O /Table /Scope /Column >>".utf8)
    static let kidsArray = Array("\n   /K [ ".utf8), kidsKey = Array("\n   /K ".utf8), arrayObjectEnd = Array("]\n>>\nendobj\n".utf8)
    static let objectStart = Array(" 0 obj\n".utf8), objectEnd = Array("\n>>\nendobj\n".utf8), referenceEnd = Array(" 0 R ".utf8)

    /// The decimal digits of `value` (never negative here), without making a string.
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 10 { bytes.append(UInt8(ascii: "0") + UInt8(max(0, value))); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while n > 0 && count < 20 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
