<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/about_dialog.py" line="25"/>
        <source>About Paraphe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="27"/>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="33"/>
        <source>Sign files (XAdES, CAdES, PAdES) and verify signatures, for public procurement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="38"/>
        <source>&amp;Components included in this application:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="43"/>
        <source>Qt and PySide6 are used under the GNU LGPL version 3; you may replace them with your own build. The Noto Sans font is under the SIL Open Font License 1.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="66"/>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="66"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about_dialog.py" line="66"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../gui/drop_zone.py" line="31"/>
        <source>Add &amp;files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/drop_zone.py" line="32"/>
        <source>Add a f&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/drop_zone.py" line="45"/>
        <source>Choose files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/drop_zone.py" line="50"/>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="51"/>
        <source>Paraphe %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="52"/>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="53"/>
        <source>&amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="54"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="55"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="56"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="57"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="58"/>
        <source>&amp;About Paraphe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../gui/password_dialog.py" line="24"/>
        <source>Certificate password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/password_dialog.py" line="25"/>
        <source>Password of the certificate file %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/password_dialog.py" line="28"/>
        <source>Wrong password. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/password_dialog.py" line="33"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../gui/pdf_preview.py" line="51"/>
        <source>Page preview: click to place the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="114"/>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <location filename="../../gui/sign_page.py" line="79"/>
        <source>Drop the files to sign here, or add them with the buttons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="84"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="84"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="84"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="89"/>
        <source>&amp;Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="91"/>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="98"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="106"/>
        <location filename="../../gui/sign_page.py" line="118"/>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="108"/>
        <source>Add a .p12 &amp;certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="110"/>
        <source>Show certificates not meant for signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="129"/>
        <source>&amp;XAdES (.xml token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="130"/>
        <source>CA&amp;dES (.p7s token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="131"/>
        <source>&amp;PAdES (signed PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="150"/>
        <source>Needs a timestamp server: coming in a later version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="153"/>
        <source>&amp;Beside the originals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="154"/>
        <source>In this f&amp;older:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="156"/>
        <location filename="../../gui/sign_page.py" line="384"/>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="157"/>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="166"/>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="168"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="169"/>
        <source>&amp;Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="170"/>
        <source>Output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="173"/>
        <source>&amp;Visible signature on the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="177"/>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="180"/>
        <source>Click on the page to place the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="184"/>
        <source>Page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="186"/>
        <source>Visible signature (PAdES)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="193"/>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="196"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="199"/>
        <source>Current file: %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="204"/>
        <source>Signatures written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="205"/>
        <source>&amp;Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="207"/>
        <source>Verify &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="217"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="314"/>
        <source>Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="315"/>
        <source>Not qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="316"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="323"/>
        <source>No certificate yet: add your .p12 file with the button above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="332"/>
        <source>Holder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="333"/>
        <source>Organisation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="334"/>
        <source>SIREN: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="335"/>
        <source>Issuer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="336"/>
        <source>Valid from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="339"/>
        <source>Key usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="340"/>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="348"/>
        <source>Choose a certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="350"/>
        <source>PKCS#12 (*.p12 *.pfx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="397"/>
        <source>This PDF cannot be previewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="461"/>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="476"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="483"/>
        <source>Signing %1 (%2 of %3)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="508"/>
        <source>Stopped: nothing more was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/sign_page.py" line="514"/>
        <source>%1 signed, %2 failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gui/errors.py" line="22"/>
        <source>Paraphe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="28"/>
        <source>Something unexpected happened. Copy the details and report them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="35"/>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
