"""Marks up a DOCX in LibreOffice with Track Changes on, as a delegate would (issue 18's real-file test).

usage: /usr/bin/python3 libreoffice-markup.py SOFFICE PROFILE_DIR INPUT.docx OUTPUT.docx AUTHOR
Edits (paragraphs are found by their words, so the test decides them):
  replace "human experience" -> "shared human experience"; delete " common";
  insert " fully" after "commit"; a new paragraph after the one ending "on migration.";
  the paragraph beginning "States shall" cut and pasted after the last paragraph.
"""
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

soffice, profile, source, target, author = sys.argv[1:6]
pipe = "parley" + uuid.uuid4().hex
office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                           "-env:UserInstallation=file://" + profile,
                           "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    for _ in range(240):
        try:
            context = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    if context is None:
        sys.exit("LibreOffice did not start")
    smgr = context.ServiceManager

    # The author LibreOffice records on tracked changes is the user's name.
    provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
    data = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    data.setPropertyValue("givenname", author)
    data.setPropertyValue("sn", "")
    data.commitChanges()

    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    doc.RecordChanges = True
    text = doc.Text

    def find(words):
        search = doc.createSearchDescriptor()
        search.SearchString = words
        search.SearchCaseSensitive = True
        found = doc.findFirst(search)
        if found is None:
            sys.exit("not found: " + words)
        return found

    find("human experience").setString("shared human experience")
    find(" common").setString("")
    commit = find("commit")
    commit.collapseToEnd()
    text.insertString(commit, " fully", False)

    # A new paragraph after "... on migration." (Word numbering renumbers the ones after it).
    end = find("on migration.")
    end.collapseToEnd()
    text.insertControlCharacter(end, PARAGRAPH_BREAK, False)
    text.insertString(end, "States shall cooperate in good faith.", False)

    # Cut the paragraph beginning "States shall ensure" (its words and its paragraph mark) and paste it at the end.
    start = find("States shall ensure")
    cursor = text.createTextCursorByRange(start.Start)
    cursor.gotoEndOfParagraph(True)
    moved = cursor.String
    cursor.goRight(1, True)
    cursor.setString("")
    last = text.createTextCursor()
    last.gotoEnd(False)
    text.insertControlCharacter(last, PARAGRAPH_BREAK, False)
    text.insertString(last, moved, False)

    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
