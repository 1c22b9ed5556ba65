<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name/>
    <message>
        <location filename="../../gui/smoke_test.py" line="61"/>
        <source>acceptable for public procurement</source>
        <translation>recevable pour les marchés publics</translation>
    </message>
    <message>
        <source>Nothing opened it</source>
        <translation type="vanished">Rien ne l'a ouvert</translation>
    </message>
    <message>
        <source>No file manager opened the folder {name}: open it by hand, its path is below.</source>
        <translation type="vanished">Aucun gestionnaire de fichiers n'a ouvert le dossier {name} : ouvrez-le vous-même, son chemin est ci-dessous.</translation>
    </message>
    <message>
        <source>No application opened {name}: install one for this kind of file, or open it by hand; its path is below.</source>
        <translation type="vanished">Aucune application n'a ouvert {name} : installez-en une pour ce type de fichier, ou ouvrez-le vous-même ; son chemin est ci-dessous.</translation>
    </message>
    <message>
        <source>&amp;Copy the path</source>
        <translation type="vanished">&amp;Copier le chemin</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="26"/>
        <source>About Paraphe</source>
        <translation>À propos de Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="28"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="34"/>
        <source>Sign files (XAdES, CAdES, PAdES) and verify signatures, for public procurement.</source>
        <translation>Signer des fichiers (XAdES, CAdES, PAdES) et vérifier des signatures, pour la commande publique.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="39"/>
        <source>Website: %1&lt;br&gt;Support: %2</source>
        <translation>Site web : %1&lt;br&gt;Assistance : %2</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="48"/>
        <source>&amp;Components included in this application:</source>
        <translation>&amp;Composants inclus dans cette application :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="53"/>
        <source>Qt and PySide6 are used under the GNU LGPL version 3; you may replace them with your own build. The Noto Sans font is under the SIL Open Font License 1.1.</source>
        <translation>Qt et PySide6 sont utilisés sous la licence GNU LGPL version 3 ; vous pouvez les remplacer par votre propre version. La police Noto Sans est sous licence SIL Open Font License 1.1.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="77"/>
        <source>Component</source>
        <translation>Composant</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="77"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/about_dialog.py" line="77"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>CertificatePicker</name>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="122"/>
        <location filename="../../gui/widgets/certificate_picker.py" line="123"/>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>Add a .p12 &amp;certificate…</source>
        <translation type="vanished">Ajouter un &amp;certificat .p12…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="124"/>
        <source>Add a .p12 c&amp;ertificate…</source>
        <translation>Ajouter un certificat .p&amp;12…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="125"/>
        <source>Remove from the list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="127"/>
        <source>Takes the chosen .p12 file off this list; the file itself is kept.</source>
        <translation>Retire le fichier .p12 choisi de cette liste ; le fichier lui-même est conservé.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="129"/>
        <source>Show certificates not meant for signing</source>
        <translation>Afficher les certificats non destinés à la signature</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="177"/>
        <source>— Token: %1 —</source>
        <translation>— Jeton : %1 —</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation type="vanished">Qualifié</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="243"/>
        <source>Not qualified</source>
        <translation>Non qualifié</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="vanished">Expiré</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="205"/>
        <source>%1 (expired)</source>
        <translation>%1 (expiré)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="207"/>
        <source>%1 (not yet valid)</source>
        <translation>%1 (pas encore valide)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="241"/>
        <source>Qualified (EU trusted lists)</source>
        <translation>Qualifié (listes de confiance de l’UE)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="242"/>
        <source>Declared qualified by the certificate</source>
        <translation>Déclaré qualifié par le certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="244"/>
        <source>Expired: cannot sign</source>
        <translation>Expiré : ne peut pas signer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="245"/>
        <source>Not yet valid: cannot sign</source>
        <translation>Pas encore valide : ne peut pas signer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="251"/>
        <source>An EU trusted list names the issuer as a qualified service.</source>
        <translation>Une liste de confiance de l’UE désigne l’émetteur comme service qualifié.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="254"/>
        <source>The certificate says it is qualified; no EU trusted list loaded here confirms its issuer. The buyer's verification will check it.</source>
        <translation>Le certificat se déclare qualifié ; aucune liste de confiance de l’UE chargée ici ne confirme son émetteur. La vérification de l’acheteur le contrôlera.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="258"/>
        <source>French public procurement expects a qualified certificate.</source>
        <translation>La commande publique française attend un certificat qualifié.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="261"/>
        <source>A signature made with an expired certificate would be rejected.</source>
        <translation>Une signature faite avec un certificat expiré serait rejetée.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="264"/>
        <source>A signature made before the certificate's validity would be rejected.</source>
        <translation>Une signature faite avant le début de validité du certificat serait rejetée.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="275"/>
        <source>Choose a certificate in the list, or add your .p12 file.</source>
        <translation>Choisissez un certificat dans la liste, ou ajoutez votre fichier .p12.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="277"/>
        <source>No certificate yet: add your .p12 file with the button above.</source>
        <translation>Aucun certificat pour l'instant : ajoutez votre fichier .p12 avec le bouton ci-dessus.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="291"/>
        <source>Holder: %1</source>
        <translation>Titulaire : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="292"/>
        <source>Organisation: %1</source>
        <translation>Organisation : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="293"/>
        <source>SIREN: %1</source>
        <translation>SIREN : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="294"/>
        <source>Issuer: %1</source>
        <translation>Émetteur : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="295"/>
        <source>Valid from %1 to %2</source>
        <translation>Valide du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="298"/>
        <source>Key usage: %1</source>
        <translation>Usage de la clé : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="300"/>
        <source>Token: %1 (key %2)</source>
        <translation>Jeton : %1 (clé %2)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="304"/>
        <source>File: %1</source>
        <translation>Fichier : %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="313"/>
        <source>Choose a certificate file</source>
        <translation>Choisir un fichier de certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="315"/>
        <source>PKCS#12 (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 (*.p12 *.pfx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="333"/>
        <source>Remove a certificate</source>
        <translation>Retirer un certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="335"/>
        <source>Remove %1 from the list of certificates?</source>
        <translation>Retirer %1 de la liste des certificats ?</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="340"/>
        <source>The file itself is kept; add it again at any time with its password.</source>
        <translation>Le fichier lui-même est conservé ; ajoutez-le de nouveau à tout moment avec son mot de passe.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_picker.py" line="342"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
</context>
<context>
    <name>CertificateViewer</name>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="64"/>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="68"/>
        <source>Certificate chain</source>
        <translation>Chaîne de certification</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="70"/>
        <source>Certificate fields</source>
        <translation>Champs du certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="89"/>
        <source>&amp;Export as .cer…</source>
        <translation>&amp;Exporter en .cer…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="91"/>
        <source>Save the selected certificate as a .cer file (DER), to keep or to send</source>
        <translation>Enregistrer le certificat sélectionné dans un fichier .cer (DER), pour le garder ou l'envoyer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="104"/>
        <source>No signing certificate found.</source>
        <translation>Aucun certificat de signature trouvé.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="134"/>
        <source>Export the certificate</source>
        <translation>Exporter le certificat</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/certificate_viewer.py" line="136"/>
        <source>Certificates (*.cer *.crt *.der)</source>
        <translation>Certificats (*.cer *.crt *.der)</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="36"/>
        <source>Signature details</source>
        <translation>Détails de la signature</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="51"/>
        <source>Select a document or a signature to see the checks behind its verdict.</source>
        <translation>Sélectionnez un document ou une signature pour voir les contrôles qui fondent son verdict.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="69"/>
        <source>Signature without its document: {reason}.</source>
        <translation>Signature sans son document : {reason}.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="77"/>
        <source>Choose the document it signs (Pick its document…): it is then verified with it, and its signer shown.</source>
        <translation>Choisissez le document qu'elle signe (Choisir son document…) : il est alors vérifié avec elle, et son signataire affiché.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="85"/>
        <source>Could not be read: {reason}.</source>
        <translation>Illisible : {reason}.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="90"/>
        <source>No signature was found for this document: no signed PDF, no token beside it naming it, no signature referring to it.</source>
        <translation>Aucune signature n'a été trouvée pour ce document : ni PDF signé, ni jeton à côté portant son nom, ni signature qui s'y réfère.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="105"/>
        <source>{count} signature(s).</source>
        <translation>{count} signature(s).</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/details_panel.py" line="108"/>
        <source>Signature {number}</source>
        <translation>Signature {number}</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Add &amp;files…</source>
        <translation type="vanished">Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <source>Add a f&amp;older…</source>
        <translation type="vanished">Ajouter un d&amp;ossier…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/drop_zone.py" line="47"/>
        <source>&amp;Add files…</source>
        <translation>Ajouter des fic&amp;hiers…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/drop_zone.py" line="48"/>
        <source>Add a fol&amp;der…</source>
        <translation>Ajouter &amp;un dossier…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/drop_zone.py" line="56"/>
        <source>Choose files</source>
        <translation>Choisir des fichiers</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/drop_zone.py" line="61"/>
        <source>Choose a folder</source>
        <translation>Choisir un dossier</translation>
    </message>
</context>
<context>
    <name>ExtendConfirmation</name>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="58"/>
        <source>Add a timestamp to {count} signature file(s), raising them to {level}?</source>
        <translation>Ajouter un horodatage à {count} fichier(s) de signature pour les porter au niveau {level} ?</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="63"/>
        <source>The signature files below will be replaced by their extended version; the signed documents are not modified.</source>
        <translation>Les fichiers de signature ci-dessous seront remplacés par leur version étendue ; les documents signés ne sont pas modifiés.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="71"/>
        <source>A signed PDF is its own signature file: a document timestamp is added after its signatures, which stay as they are.</source>
        <translation>Un PDF signé est son propre fichier de signature : un horodatage de document est ajouté après ses signatures, qui restent telles quelles.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="76"/>
        <source>Timestamp server: {servers}</source>
        <translation>Serveur d'horodatage : {servers}</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="84"/>
        <source>&amp;Extend {count} file(s)</source>
        <translation>&amp;Étendre {count} fichier(s)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="88"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>ExtendOutcomeMessage</name>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="115"/>
        <source>{count} signature file(s) extended to {level}.</source>
        <translation>{count} fichier(s) de signature étendu(s) au niveau {level}.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="121"/>
        <source>{count} already at {level} or higher.</source>
        <translation>{count} déjà au niveau {level} ou au-delà.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="127"/>
        <source>{count} could not be extended.</source>
        <translation>{count} fichier(s) non étendu(s).</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="136"/>
        <source>Extended:</source>
        <translation>Étendus :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="140"/>
        <source>Already at the level, left unchanged:</source>
        <translation>Déjà au niveau, laissés inchangés :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="145"/>
        <source>Not extended (left as they were):</source>
        <translation>Non étendus (laissés tels quels) :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="150"/>
        <source>The list is verified again: each signature shows its level and proven time.</source>
        <translation>La liste est vérifiée à nouveau : chaque signature indique son niveau et sa date prouvée.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="154"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="95"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="97"/>
        <source>Drop the files to sign here, or add them with the buttons.</source>
        <translation>Déposez ici les fichiers à signer, ou ajoutez-les avec les boutons.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="100"/>
        <location filename="../../gui/widgets/file_list.py" line="199"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="100"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="100"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="100"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="102"/>
        <source>&amp;Remove selected</source>
        <translation>&amp;Retirer la sélection</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="103"/>
        <source>&amp;Clear</source>
        <translation>V&amp;ider</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="156"/>
        <source>✔ Signed</source>
        <translation>✔ Signé</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="157"/>
        <source>✘ Failed</source>
        <translation>✘ Échec</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="158"/>
        <source>✘ Cannot be signed</source>
        <translation>✘ Impossible à signer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="165"/>
        <source>PDF document</source>
        <translation>Document PDF</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="166"/>
        <location filename="../../gui/widgets/file_list.py" line="168"/>
        <source>Word document</source>
        <translation>Document Word</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="170"/>
        <location filename="../../gui/widgets/file_list.py" line="172"/>
        <source>Excel spreadsheet</source>
        <translation>Classeur Excel</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="174"/>
        <location filename="../../gui/widgets/file_list.py" line="176"/>
        <source>PowerPoint presentation</source>
        <translation>Présentation PowerPoint</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="178"/>
        <source>OpenDocument text</source>
        <translation>Texte OpenDocument</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="179"/>
        <source>OpenDocument spreadsheet</source>
        <translation>Classeur OpenDocument</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="180"/>
        <source>OpenDocument presentation</source>
        <translation>Présentation OpenDocument</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="181"/>
        <source>RTF document</source>
        <translation>Document RTF</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="182"/>
        <location filename="../../gui/widgets/file_list.py" line="183"/>
        <source>ZIP archive</source>
        <translation>Archive ZIP</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="184"/>
        <source>7-Zip archive</source>
        <translation>Archive 7-Zip</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="185"/>
        <source>RAR archive</source>
        <translation>Archive RAR</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="186"/>
        <source>Web page</source>
        <translation>Page web</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="187"/>
        <source>Text file</source>
        <translation>Fichier texte</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="188"/>
        <source>CSV table</source>
        <translation>Tableau CSV</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="189"/>
        <location filename="../../gui/widgets/file_list.py" line="190"/>
        <source>XML file</source>
        <translation>Fichier XML</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="191"/>
        <source>DWG drawing</source>
        <translation>Dessin DWG</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="192"/>
        <source>CAdES signature</source>
        <translation>Signature CAdES</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="197"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/file_list.py" line="199"/>
        <source>%1 file</source>
        <translation>Fichier %1</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="vanished">&amp;Vider</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="16"/>
        <source>Using Paraphe</source>
        <translation>Utiliser Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="30"/>
        <source>Sign</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="32"/>
        <source>Drop the files to sign on the Sign page (or press Ctrl+O), choose your certificate (a .p12 file or a card or USB token), the format and the level, then Sign. XAdES and CAdES write a signature file beside each document (“document - Signature 1.xml”); PAdES writes a signed copy of a PDF. Your originals are never changed.</source>
        <translation>Déposez les fichiers à signer sur la page Signer (ou appuyez sur Ctrl+O), choisissez votre certificat (un fichier .p12, une carte ou une clé USB), le format et le niveau, puis Signer. XAdES et CAdES écrivent un fichier de signature à côté de chaque document (« document - Signature 1.xml ») ; PAdES écrit une copie signée du PDF. Vos originaux ne sont jamais modifiés.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="40"/>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="42"/>
        <source>Drop the files, folders or ZIP archives of a bid on the Verify page. Each signature gets a verdict: valid (green), indeterminate (amber: something could not be checked, such as the revocation status or an unknown authority) or failed (red: the document or the signature was changed, or the signature is not valid). Select a signature to see why, who signed and whether the signature is qualified according to the EU trusted lists.</source>
        <translation>Déposez les fichiers, dossiers ou archives ZIP d’une offre sur la page Vérifier. Chaque signature reçoit un verdict : valide (vert), indéterminée (orange : un point n’a pas pu être vérifié, comme l’état de révocation ou une autorité inconnue) ou en échec (rouge : le document ou la signature a été modifié, ou la signature n’est pas valide). Sélectionnez une signature pour voir pourquoi, qui a signé et si la signature est qualifiée selon les listes de confiance de l’UE.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="51"/>
        <source>Keyboard</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="53"/>
        <source>Ctrl+O: add files · Ctrl+,: settings · F1: this help · Ctrl+Q: quit. Alt with the underlined letter reaches each button.</source>
        <translation>Ctrl+O : ajouter des fichiers · Ctrl+, : paramètres · F1 : cette aide · Ctrl+Q : quitter. Alt et la lettre soulignée atteignent chaque bouton.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/help_dialog.py" line="60"/>
        <source>More help on %1; write to %2.</source>
        <translation>Plus d’aide sur %1 ; écrivez à %2.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="78"/>
        <source>Paraphe %1</source>
        <translation>Paraphe %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="79"/>
        <source>&amp;Sign</source>
        <translation>&amp;Signer</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="80"/>
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="81"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="82"/>
        <source>&amp;Open files…</source>
        <translation>&amp;Ouvrir des fichiers…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="83"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="84"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="85"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="86"/>
        <source>&amp;Using Paraphe</source>
        <translation>&amp;Utiliser Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="87"/>
        <source>&amp;About Paraphe</source>
        <translation>À &amp;propos de Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="242"/>
        <source>Signing under way</source>
        <translation>Signature en cours</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="243"/>
        <source>Files are being signed. Stop and quit?</source>
        <translation>Des fichiers sont en cours de signature. Arrêter et quitter ?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="246"/>
        <source>The files already signed keep their signatures; the file under way is finished or left unsigned, never half-written.</source>
        <translation>Les fichiers déjà signés gardent leur signature ; le fichier en cours est terminé ou laissé non signé, jamais à moitié écrit.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="250"/>
        <source>Stop and quit</source>
        <translation>Arrêter et quitter</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="251"/>
        <source>Keep signing</source>
        <translation>Continuer la signature</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="258"/>
        <source>EU trusted lists updated.</source>
        <translation>Listes de confiance de l’UE mises à jour.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="260"/>
        <source>Verified again: the EU trusted lists were updated</source>
        <translation>Vérifié à nouveau : les listes de confiance de l'UE ont été mises à jour</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="274"/>
        <source>Verified again: the trusted certificates changed</source>
        <translation>Vérifié à nouveau : les certificats de confiance ont changé</translation>
    </message>
</context>
<context>
    <name>MixedFilesDialog</name>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="32"/>
        <source>Verify or sign?</source>
        <translation>Vérifier ou signer ?</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="35"/>
        <source>Some of these files hold signatures (or are folders or archives), the others are plain documents.</source>
        <translation>Certains de ces fichiers contiennent des signatures (ou sont des dossiers ou des archives), les autres sont de simples documents.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="40"/>
        <source>To verify:</source>
        <translation>À vérifier :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="44"/>
        <source>To sign:</source>
        <translation>À signer :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="49"/>
        <source>&amp;Verify these, sign those</source>
        <translation>&amp;Vérifier les uns, signer les autres</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="52"/>
        <source>Verify &amp;everything</source>
        <translation>Tout vérifi&amp;er</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/open_with_dialog.py" line="72"/>
        <source>… and {count} more</source>
        <translation>… et {count} de plus</translation>
    </message>
</context>
<context>
    <name>NothingOpened</name>
    <message>
        <location filename="../../gui/desktop_open.py" line="37"/>
        <source>Nothing opened it</source>
        <translation>Rien ne l'a ouvert</translation>
    </message>
    <message>
        <location filename="../../gui/desktop_open.py" line="41"/>
        <source>No file manager opened the folder {name}: open it by hand, its path is below.</source>
        <translation>Aucun gestionnaire de fichiers n'a ouvert le dossier {name} : ouvrez-le vous-même, son chemin est ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../gui/desktop_open.py" line="47"/>
        <source>No application opened {name}: install one for this kind of file, or open it by hand; its path is below.</source>
        <translation>Aucune application n'a ouvert {name} : installez-en une pour ce type de fichier, ou ouvrez-le vous-même ; son chemin est ci-dessous.</translation>
    </message>
    <message>
        <location filename="../../gui/desktop_open.py" line="53"/>
        <source>&amp;Copy the path</source>
        <translation>&amp;Copier le chemin</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="35"/>
        <source>Certificate password</source>
        <translation>Mot de passe du certificat</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="36"/>
        <source>Password of the certificate file %1:</source>
        <translation>Mot de passe du fichier de certificat %1 :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="42"/>
        <source>Wrong password. Check it and try again.</source>
        <translation>Mot de passe incorrect. Vérifiez-le et réessayez.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="47"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="49"/>
        <source>Re&amp;member it until I quit Paraphe</source>
        <translation>Le &amp;mémoriser jusqu’à la fermeture de Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="52"/>
        <source>Kept in memory only, never on disk; forgotten when Paraphe quits. Until then, signing with this file does not ask for it again.</source>
        <translation>Gardé en mémoire seulement, jamais sur le disque ; oublié à la fermeture de Paraphe. D’ici là, signer avec ce fichier ne le redemande pas.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Page preview: click to place the signature</source>
        <translation type="vanished">Aperçu de la page : cliquez pour placer la signature</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="vanished">Signature</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/pdf_preview.py" line="351"/>
        <source>Page preview</source>
        <translation>Aperçu de la page</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/pdf_preview.py" line="354"/>
        <source>Drag the signature box to move it and its corners to resize it; the arrow keys move it, Shift with the arrow keys resizes it.</source>
        <translation>Faites glisser le cadre de la signature pour le déplacer, et ses coins pour le redimensionner ; les flèches du clavier le déplacent, Maj avec les flèches le redimensionne.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/pdf_preview.py" line="401"/>
        <source>Add a PDF file to see its pages and place the signature.</source>
        <translation>Ajoutez un fichier PDF pour voir ses pages et placer la signature.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="93"/>
        <source>Token PIN</source>
        <translation>Code PIN du jeton</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="94"/>
        <source>PIN of the token %1:</source>
        <translation>Code PIN du jeton %1 :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="95"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="98"/>
        <source>One try left before the token locks. Make sure of the PIN.</source>
        <translation>Plus qu'un essai avant le blocage du jeton. Assurez-vous du code PIN.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/password_dialog.py" line="104"/>
        <source>A wrong PIN was entered before: few tries are left before the token locks.</source>
        <translation>Un code PIN erroné a déjà été saisi : il reste peu d'essais avant le blocage du jeton.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../gui/qt_words.py" line="16"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <location filename="../../gui/qt_words.py" line="17"/>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="73"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="76"/>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="77"/>
        <source>&amp;Output</source>
        <translation>&amp;Sortie</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="78"/>
        <source>T&amp;rust anchors</source>
        <translation>Certificats de &amp;confiance</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="81"/>
        <source>Some settings are set by your administrator and cannot be changed here.</source>
        <translation>Certains paramètres sont fixés par votre administrateur et ne peuvent pas être modifiés ici.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="126"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="129"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="132"/>
        <source>A new language applies to windows opened after OK.</source>
        <translation>Une nouvelle langue s'applique aux fenêtres ouvertes après OK.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="137"/>
        <source>Default &amp;format:</source>
        <translation>&amp;Format par défaut :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="149"/>
        <source>Default le&amp;vel:</source>
        <translation>Ni&amp;veau par défaut :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="148"/>
        <source>Coming in a later version</source>
        <translation>Disponible dans une version ultérieure</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="157"/>
        <source>&amp;Timestamp servers:</source>
        <translation>Serveurs d'&amp;horodatage :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="162"/>
        <source>One address per line, tried in order: the next one is used when a server does not answer. Levels B-T and above need at least one.</source>
        <translation>Une adresse par ligne, essayées dans l'ordre : la suivante sert quand un serveur ne répond pas. Les niveaux B-T et supérieurs en demandent au moins une.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="175"/>
        <source>PAdES file s&amp;uffix:</source>
        <translation>S&amp;uffixe des fichiers PAdES :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="180"/>
        <source>PAdES signed copy:</source>
        <translation>Copie PDF signée (PAdES) :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="186"/>
        <source>Signature tokens:</source>
        <translation>Jetons de signature :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="189"/>
        <source>Token names follow the convention buyer platforms expect; a second signer of the same file gets “Signature 2”. Originals are never modified.</source>
        <translation>Les noms des jetons suivent la convention attendue par les plateformes des acheteurs ; un second signataire du même fichier obtient « Signature 2 ». Les originaux ne sont jamais modifiés.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="196"/>
        <source>Save signatures:</source>
        <translation>Enregistrer les signatures :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="197"/>
        <source>&amp;Beside the original files</source>
        <translation>À &amp;côté des fichiers originaux</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="198"/>
        <source>In this fol&amp;der:</source>
        <translation>Dans ce &amp;dossier :</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="203"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="204"/>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="263"/>
        <source>Set by your administrator</source>
        <translation>Fixé par votre administrateur</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="285"/>
        <source>Folder for the signatures</source>
        <translation>Dossier des signatures</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="293"/>
        <source>PAdES file suffix: it cannot be empty.</source>
        <translation>Suffixe des fichiers PAdES : il ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="296"/>
        <source>PAdES file suffix: it cannot contain / \ &lt; &gt; : " | ? * (it is part of a file name).</source>
        <translation>Suffixe des fichiers PAdES : il ne peut pas contenir / \ &lt; &gt; : " | ? * (il fait partie d'un nom de fichier).</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="311"/>
        <source>Timestamp server, line %1: enter an address starting with http:// or https://, without a user name or password.</source>
        <translation>Serveur d'horodatage, ligne %1 : saisissez une adresse commençant par http:// ou https://, sans nom d'utilisateur ni mot de passe.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="319"/>
        <source>Default level %1 needs a timestamp server.</source>
        <translation>Le niveau par défaut %1 demande un serveur d'horodatage.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/settings_dialog.py" line="324"/>
        <source>Output folder: choose a folder, or save beside the original files.</source>
        <translation>Dossier de sortie : choisissez un dossier, ou enregistrez à côté des fichiers originaux.</translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="223"/>
        <source>&amp;XAdES (.xml token)</source>
        <translation>&amp;XAdES (jeton .xml)</translation>
    </message>
    <message>
        <source>CA&amp;dES (.p7s token)</source>
        <translation type="vanished">CA&amp;dES (jeton .p7s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="225"/>
        <source>&amp;PAdES (signed PDF)</source>
        <translation>&amp;PAdES (PDF signé)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="228"/>
        <source>&amp;Beside the originals</source>
        <translation>À cô&amp;té des originaux</translation>
    </message>
    <message>
        <source>In this f&amp;older:</source>
        <translation type="vanished">Dans ce d&amp;ossier :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="230"/>
        <location filename="../../gui/pages/sign_page.py" line="316"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="231"/>
        <source>Bro&amp;wse…</source>
        <translation>Par&amp;courir…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="232"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="233"/>
        <source>Format:</source>
        <translation>Format :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="234"/>
        <source>&amp;Level:</source>
        <translation>Niv&amp;eau :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="235"/>
        <source>Output:</source>
        <translation>Sortie :</translation>
    </message>
    <message>
        <source>Attac&amp;h a verification procedure (PDF)</source>
        <translation type="vanished">&amp;Joindre une procédure de vérification (PDF)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="239"/>
        <source>Writes beside the signatures a PDF that tells the buyer how to verify them, free of charge, as the arrêté of 22 March 2019 asks of a bidder.</source>
        <translation>Écrit à côté des signatures un PDF qui indique à l’acheteur comment les vérifier gratuitement, comme l’arrêté du 22 mars 2019 le demande au soumissionnaire.</translation>
    </message>
    <message>
        <source>&amp;Visible signature on the page</source>
        <translation type="vanished">Signature &amp;visible sur la page</translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="vanished">Page</translation>
    </message>
    <message>
        <source>Click on the page to place the signature.</source>
        <translation type="vanished">Cliquez sur la page pour placer la signature.</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation type="vanished">Page :</translation>
    </message>
    <message>
        <source>Visible signature (PAdES)</source>
        <translation type="vanished">Signature visible (PAdES)</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation type="vanished">&amp;Signer</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="244"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="245"/>
        <source>Current file: %p%</source>
        <translation>Fichier en cours : %p %</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="246"/>
        <source>Signatures written</source>
        <translation>Signatures écrites</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="247"/>
        <source>&amp;Open folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Verify &amp;now</source>
        <translation type="vanished">Vérifier &amp;maintenant</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="249"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="278"/>
        <source>Coming in a later version</source>
        <translation>Disponible dans une version ultérieure</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="280"/>
        <source>Needs a timestamp server: add one in Settings</source>
        <translation>Demande un serveur d'horodatage : ajoutez-en un dans les Paramètres</translation>
    </message>
    <message>
        <source>This PDF cannot be previewed.</source>
        <translation type="vanished">Ce PDF ne peut pas être prévisualisé.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="506"/>
        <location filename="../../gui/pages/sign_page.py" line="525"/>
        <source>Signing…</source>
        <translation>Signature en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="522"/>
        <source>Wrong password: waiting for another try…</source>
        <translation>Mot de passe erroné : en attente d’un nouvel essai…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="533"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="549"/>
        <source>Signing %1 (%2 of %3)…</source>
        <translation>Signature de %1 (%2 sur %3)…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="510"/>
        <source>Stopped: nothing more was signed.</source>
        <translation>Arrêté : rien de plus n'a été signé.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="224"/>
        <source>CAdES (.p7s &amp;token)</source>
        <translation>CAdES (jeton .p&amp;7s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="229"/>
        <source>&amp;In this folder:</source>
        <translation>&amp;Dans ce dossier :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="236"/>
        <source>Attach a verification proced&amp;ure (PDF)</source>
        <translation>&amp;Joindre une procédure de vérification (PDF)</translation>
    </message>
    <message>
        <source>Visible si&amp;gnature on the page</source>
        <translation type="vanished">Signature visible sur la pa&amp;ge</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="243"/>
        <source>Sig&amp;n</source>
        <translation>Sig&amp;ner</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="248"/>
        <source>Verif&amp;y now</source>
        <translation>Vérifier &amp;maintenant</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="361"/>
        <source>This certificate is outside its validity period: choose another.</source>
        <translation>Ce certificat est hors de sa période de validité : choisissez-en un autre.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="438"/>
        <source>Some files cannot be signed</source>
        <translation>Certains fichiers ne peuvent pas être signés</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="441"/>
        <source>%1 of the %2 files cannot be signed:</source>
        <translation>%1 des %2 fichiers ne peuvent pas être signés :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="449"/>
        <source>… and %1 more (see the details).</source>
        <translation>… et %1 de plus (voir les détails).</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="456"/>
        <source>None of the files can be signed:</source>
        <translation>Aucun des fichiers ne peut être signé :</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="461"/>
        <source>Sign the other %1 file(s)</source>
        <translation>Signer les %1 autre(s) fichier(s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/sign_page.py" line="488"/>
        <source>%1 signed, %2 failed.</source>
        <translation>%1 signé(s), %2 en échec.</translation>
    </message>
</context>
<context>
    <name>StampPlaceDialog</name>
    <message>
        <location filename="../../gui/dialogs/stamp_place_dialog.py" line="18"/>
        <source>Place the visible signature</source>
        <translation>Placer la signature visible</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/stamp_place_dialog.py" line="23"/>
        <source>Drag the box or its corners; the arrow keys move it, Shift with the arrow keys resizes it.</source>
        <translation>Faites glisser le cadre ou ses coins ; les flèches du clavier le déplacent, Maj avec les flèches le redimensionne.</translation>
    </message>
</context>
<context>
    <name>TrustAnchorsEditor</name>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="66"/>
        <source>Signatures whose certificate chains up to one of these certificates are trusted.</source>
        <translation>Les signatures dont le certificat remonte à l'un de ces certificats sont considérées comme de confiance.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="70"/>
        <source>&amp;Certificates you trust:</source>
        <translation>&amp;Certificats de confiance :</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="72"/>
        <source>Subject</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="72"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="79"/>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="80"/>
        <source>Re&amp;move</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="121"/>
        <source>Add a trusted certificate</source>
        <translation>Ajouter un certificat de confiance</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_anchors_editor.py" line="123"/>
        <source>Certificates (*.pem *.der *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.der *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>TrustListsStatus</name>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="205"/>
        <source>&amp;Update trusted lists</source>
        <translation>Mettre à &amp;jour les listes de confiance</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="208"/>
        <source>Fetch the EU trusted lists again and check their signatures, in the background: they decide which signatures are qualified.</source>
        <translation>Télécharger à nouveau les listes de confiance UE et vérifier leurs signatures, en arrière-plan : elles déterminent quelles signatures sont qualifiées.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="222"/>
        <source>EU trusted lists: reading the list of lists…</source>
        <translation>Listes de confiance de l’UE : lecture de la liste des listes…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="224"/>
        <source>EU trusted lists: {done} of {total} ({name})</source>
        <translation>Listes de confiance de l’UE : {done} sur {total} ({name})</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="228"/>
        <source>EU trusted lists: …</source>
        <translation>Listes de confiance de l’UE : …</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="230"/>
        <source>EU trusted lists: none available</source>
        <translation>Listes de confiance de l’UE : aucune disponible</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="234"/>
        <source>EU trusted lists: {date} (shipped snapshot)</source>
        <translation>Listes de confiance de l’UE : {date} (instantané fourni)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="236"/>
        <source>EU trusted lists: {date}</source>
        <translation>Listes de confiance de l’UE : {date}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="240"/>
        <source>{count} stale</source>
        <translation>{count} obsolète(s)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="242"/>
        <source>{count} unavailable</source>
        <translation>{count} indisponible(s)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="244"/>
        <source>update failed</source>
        <translation>échec de la mise à jour</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="254"/>
        <source>{count} national lists in use, besides the EU list of lists.</source>
        <translation>{count} liste(s) nationale(s) utilisée(s), en plus de la liste des listes de l'UE.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="260"/>
        <source>Past their next update: {lists}.</source>
        <translation>Date de prochaine mise à jour dépassée : {lists}.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="262"/>
        <source>{territory} since {date}</source>
        <translation>{territory} depuis le {date}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="273"/>
        <source>Could not be had: {lists}.</source>
        <translation>Non obtenues : {lists}.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="283"/>
        <source>These are the lists shipped with Paraphe: update them to judge signatures against the current ones.</source>
        <translation>Ce sont les listes fournies avec Paraphe : mettez-les à jour pour juger les signatures d'après les listes actuelles.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/trust_lists_status.py" line="292"/>
        <source>yyyy-MM-dd</source>
        <comment>a QDate.toString format: dd/MM/yyyy in French</comment>
        <translation>dd/MM/yyyy</translation>
    </message>
</context>
<context>
    <name>VerdictFilter</name>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="110"/>
        <source>Sho&amp;w:</source>
        <translation>Affich&amp;er :</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="111"/>
        <source>Sort &amp;by:</source>
        <translation>Trier &amp;par :</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="113"/>
        <source>every signature and file</source>
        <translation>toutes les signatures et tous les fichiers</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="114"/>
        <source>valid signatures</source>
        <translation>signatures valides</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="115"/>
        <source>indeterminate signatures</source>
        <translation>signatures indéterminées</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="116"/>
        <source>failed signatures</source>
        <translation>signatures en échec</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="117"/>
        <source>acceptable for public procurement (QESig, AdESig-QC)</source>
        <translation>acceptables pour la commande publique (QESig, AdESig-QC)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="118"/>
        <source>not acceptable for public procurement</source>
        <translation>non acceptables pour la commande publique</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="123"/>
        <source>document name</source>
        <translation>nom du document</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="124"/>
        <source>verdict (failed first)</source>
        <translation>verdict (échecs d'abord)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="125"/>
        <source>signer</source>
        <translation>signataire</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_filter.py" line="126"/>
        <source>signing date</source>
        <translation>date de signature</translation>
    </message>
</context>
<context>
    <name>VerdictTree</name>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="80"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="81"/>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="82"/>
        <source>Qualification</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="83"/>
        <source>Signer</source>
        <translation>Signataire</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="84"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="85"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="88"/>
        <source>Documents and signatures</source>
        <translation>Documents et signatures</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="92"/>
        <source>The signature's qualification per the EU trusted lists; ✔ marks those public procurement accepts (QESig, AdESig-QC).</source>
        <translation>La qualification de la signature selon les listes de confiance UE ; ✔ marque celles que la commande publique accepte (QESig, AdESig-QC).</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="124"/>
        <source>Unsigned documents ({count})</source>
        <translation>Documents non signés ({count})</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="129"/>
        <source>No signature</source>
        <translation>Aucune signature</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="130"/>
        <source>No signature was found for this document.</source>
        <translation>Aucune signature n'a été trouvée pour ce document.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="137"/>
        <source>Signatures without their document ({count})</source>
        <translation>Signatures sans leur document ({count})</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="139"/>
        <source>Document missing</source>
        <translation>Document absent</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="145"/>
        <source>Could not be read ({count})</source>
        <translation>Illisibles ({count})</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="146"/>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="178"/>
        <source>Signature {number}</source>
        <translation>Signature {number}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="195"/>
        <source>SIREN {siren}</source>
        <translation>SIREN {siren}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="213"/>
        <source>Named by the signature; not verified without its document.</source>
        <translation>Désigné par la signature ; non vérifié sans son document.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="242"/>
        <source>Proven by a timestamp</source>
        <translation>Prouvée par un horodatage</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/verdict_tree.py" line="244"/>
        <source>Claimed by the signer, not proven</source>
        <translation>Déclarée par le signataire, non prouvée</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="257"/>
        <source>Drop documents, signatures, signed PDFs, folders or a ZIP here</source>
        <translation>Déposez ici des documents, des signatures, des PDF signés, des dossiers ou un ZIP</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="259"/>
        <source>&amp;Offline (use only revocation data already at hand)</source>
        <translation>Hors &amp;ligne (uniquement les données de révocation déjà disponibles)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="262"/>
        <source>Do not contact OCSP responders or download CRLs; signatures whose revocation status cannot be proven then stay indeterminate.</source>
        <translation>Ne contacter aucun serveur OCSP et ne télécharger aucune LCR ; les signatures dont le statut de révocation ne peut être prouvé restent alors indéterminées.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="266"/>
        <source>&amp;Clear</source>
        <translation>V&amp;ider</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="268"/>
        <source>Stop after the signature being checked</source>
        <translation>Arrêter après la signature en cours de contrôle</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="267"/>
        <source>S&amp;top</source>
        <translation>Arrê&amp;ter</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="269"/>
        <source>Verify a&amp;gain</source>
        <translation>Vérifier à &amp;nouveau</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="271"/>
        <source>Verify everything added again (after a stop, or once the network is back)</source>
        <translation>Vérifier à nouveau tout ce qui a été ajouté (après un arrêt, ou une fois le réseau revenu)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="406"/>
        <source>Verifying {done} / {total}: {name}…</source>
        <translation>Vérification {done} / {total} : {name}…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="410"/>
        <source>Verifying ({done}): {name}…</source>
        <translation>Vérification ({done}) : {name}…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="856"/>
        <source>E&amp;xtend to {level}</source>
        <translation>É&amp;tendre au niveau {level}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="273"/>
        <source>Export the &amp;report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="275"/>
        <source>Save the verification shown as a PDF report, to file with the tender</source>
        <translation>Enregistrer la vérification affichée en rapport PDF, à joindre au dossier de la consultation</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="277"/>
        <source>Verifying</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="278"/>
        <source>C&amp;ertificate…</source>
        <translation>&amp;Certificat…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="280"/>
        <source>The signer's certificate and its whole chain, each one exportable as .cer</source>
        <translation>Le certificat du signataire et toute sa chaîne, chacun exportable en .cer</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="282"/>
        <source>Open the docu&amp;ment</source>
        <translation>&amp;Ouvrir le document</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="283"/>
        <source>&amp;Pick its document…</source>
        <translation>Choisir son &amp;document…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="285"/>
        <source>Choose the document this signature signs; it is then verified with it</source>
        <translation>Choisir le document que signe cette signature ; il est alors vérifié avec elle</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="340"/>
        <source>Stopping after the file under way…</source>
        <translation>Arrêt après le fichier en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="347"/>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="381"/>
        <source>Verifying…</source>
        <translation>Vérification en cours…</translation>
    </message>
    <message>
        <source>Verifying {name}…</source>
        <translation type="vanished">Vérification de {name}…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="451"/>
        <source>Verification stopped by an error.</source>
        <translation>La vérification a été interrompue par une erreur.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="463"/>
        <source>Verification stopped: no verdict is shown for a half-checked set. Press Verify again to start over.</source>
        <translation>Vérification arrêtée : aucun verdict n'est affiché pour un ensemble à moitié contrôlé. Cliquez sur Vérifier à nouveau pour recommencer.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="503"/>
        <source>Verdicts so far; the others follow</source>
        <translation>Verdicts obtenus jusqu'ici ; les autres suivent</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="533"/>
        <source>{shown} of {total} signature(s) shown</source>
        <translation>{shown} signature(s) affichée(s) sur {total}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="568"/>
        <source>{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate</source>
        <translation>{total} signature(s) : {passed} valide(s), {failed} en échec, {indeterminate} indéterminée(s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="573"/>
        <source>{count} unsigned document(s)</source>
        <translation>{count} document(s) non signé(s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="579"/>
        <source>{count} signature(s) without their document</source>
        <translation>{count} signature(s) sans leur document</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="584"/>
        <source>{count} could not be read</source>
        <translation>{count} illisible(s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="589"/>
        <source>verified {time} ({mode}); trusted: {trust}</source>
        <translation>vérifié le {time} ({mode}) ; confiance : {trust}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="655"/>
        <source>Open the revision of the PDF this signature signed: what the signer saw, before any later change</source>
        <translation>Ouvrir la révision du PDF que cette signature a signée : ce que le signataire a vu, avant toute modification ultérieure</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="660"/>
        <source>Open the document inside {name}: it is taken out, the signature is not modified</source>
        <translation>Ouvrir le document contenu dans {name} : il en est extrait, la signature n'est pas modifiée</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="662"/>
        <source>Open {name} with its application</source>
        <translation>Ouvrir {name} avec son application</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="666"/>
        <source>Select a signature or a document</source>
        <translation>Sélectionnez une signature ou un document</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="668"/>
        <source>The signed document is inside the signature or was not found</source>
        <translation>Le document signé est dans la signature ou n'a pas été trouvé</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="670"/>
        <source>The document is not a file on disk (it is inside a ZIP archive): unpack the archive to open it</source>
        <translation>Le document n'est pas un fichier sur le disque (il est dans une archive ZIP) : décompressez l'archive pour l'ouvrir</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="731"/>
        <source>{stem} (signed revision).pdf</source>
        <translation>{stem} (révision signée).pdf</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="745"/>
        <source>The document signed by {name}</source>
        <translation>Le document signé par {name}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="778"/>
        <source>Not its document</source>
        <translation>Pas son document</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="781"/>
        <source>{document} is not the document {signature} signed: neither its name nor its content match. The signature stays without its document.</source>
        <translation>{document} n'est pas le document signé par {signature} : ni son nom ni son contenu ne correspondent. La signature reste sans son document.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="796"/>
        <source>Verified again: the trust settings changed</source>
        <translation>Vérifié à nouveau : les réglages de confiance ont changé</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="806"/>
        <source>This signature is already {level}.</source>
        <translation>Cette signature est déjà au niveau {level}.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="809"/>
        <source>A failed signature is not extended: a timestamp would not make it valid.</source>
        <translation>Une signature en échec n'est pas étendue : un horodatage ne la rendrait pas valide.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="812"/>
        <source>The level of this signature could not be read.</source>
        <translation>Le niveau de cette signature n'a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="815"/>
        <source>The signature file is not on disk: a signature inside a ZIP archive cannot be extended (unpack the archive first).</source>
        <translation>Le fichier de signature n'est pas sur le disque : une signature dans une archive ZIP ne peut pas être étendue (décompressez d'abord l'archive).</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="860"/>
        <source>The &amp;selected signature ({count} file(s))…</source>
        <translation>La signature &amp;sélectionnée ({count} fichier(s))…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="863"/>
        <source>&amp;All signatures below {level} ({count} file(s))…</source>
        <translation>&amp;Toutes les signatures sous le niveau {level} ({count} fichier(s))…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="876"/>
        <source>No signature shown is below {level} and extendable.</source>
        <translation>Aucune signature affichée n'est sous le niveau {level} et extensible.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="881"/>
        <source>Needs a timestamp server: add one in Settings, then signatures below {level} can be extended.</source>
        <translation>Nécessite un serveur d'horodatage : ajoutez-en un dans les Paramètres pour pouvoir étendre les signatures sous le niveau {level}.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="886"/>
        <source>Verify signatures first: those below {level} can then be extended.</source>
        <translation>Vérifiez d'abord des signatures : celles sous le niveau {level} pourront alors être étendues.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="890"/>
        <source>Every signature shown is already {level} or higher, or cannot be extended.</source>
        <translation>Chaque signature affichée est déjà au niveau {level} ou au-delà, ou ne peut pas être étendue.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="894"/>
        <source>Add a timestamp to signatures below {level}: it proves when they existed. The signature files are replaced by their extended version; the signed documents are not modified.</source>
        <translation>Ajouter un horodatage aux signatures sous le niveau {level} : il prouve quand elles existaient. Les fichiers de signature sont remplacés par leur version étendue ; les documents signés ne sont pas modifiés.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="913"/>
        <source>Verification report {date}.pdf</source>
        <translation>Rapport de vérification {date}.pdf</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="916"/>
        <source>Export the report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="916"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="933"/>
        <source>Writing the report…</source>
        <translation>Écriture du rapport…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="944"/>
        <source>Report saved as {path}</source>
        <translation>Rapport enregistré sous {path}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="956"/>
        <source>Select a signature, or a document to extend all its signatures.</source>
        <translation>Sélectionnez une signature, ou un document pour étendre toutes ses signatures.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1000"/>
        <source>Asking the timestamp server…</source>
        <translation>Interrogation du serveur d'horodatage…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1002"/>
        <source>Extending {count} signature file(s) to {level}…</source>
        <translation>Extension de {count} fichier(s) de signature au niveau {level}…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1014"/>
        <source>Extending: {done} of {total} done…</source>
        <translation>Extension : {done} sur {total} faits…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1038"/>
        <source>{extended} signature file(s) extended to {level}, {already} already at the level, {failed} not extended</source>
        <translation>{extended} fichier(s) de signature étendu(s) au niveau {level}, {already} déjà au niveau, {failed} non étendu(s)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1070"/>
        <source>Extension stopped: no signature file was modified.</source>
        <translation>Extension arrêtée : aucun fichier de signature n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/verify_page.py" line="1072"/>
        <source>Extension stopped: {count} signature file(s) extended to {level} before it stopped; the others are as they were.</source>
        <translation>Extension arrêtée : {count} fichier(s) de signature étendu(s) au niveau {level} avant l'arrêt ; les autres sont tels qu'ils étaient.</translation>
    </message>
</context>
<context>
    <name>VisibleSignatureBox</name>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="163"/>
        <source>of %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="171"/>
        <source>(the certificate's holder)</source>
        <translation>(le titulaire du certificat)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="177"/>
        <source>Visible signatures go on PDF files.</source>
        <translation>Une signature visible se place sur un fichier PDF.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="179"/>
        <source>This PDF cannot be previewed.</source>
        <translation>Ce PDF ne peut pas être prévisualisé.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="183"/>
        <source>Preview of %1; the signature goes at the same place in every PDF.</source>
        <translation>Aperçu de %1 ; la signature se place au même endroit dans chaque PDF.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="186"/>
        <source>Tick the box above to place a visible signature on the page.</source>
        <translation>Cochez la case ci-dessus pour placer une signature visible sur la page.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="188"/>
        <source>Drag the box or its corners, or use the arrow keys.</source>
        <translation>Faites glisser le cadre ou ses coins, ou utilisez les flèches du clavier.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="190"/>
        <source>Placed on blank space at the bottom right unless you drag it.</source>
        <translation>Placée sur un espace vide en bas à droite, sauf si vous la déplacez.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="202"/>
        <source>Visible signature (PAdES)</source>
        <translation>Signature visible (PAdES)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="203"/>
        <source>Visible si&amp;gnature on the page</source>
        <translation>Signature visible sur la pa&amp;ge</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="204"/>
        <source>Page:</source>
        <translation>Page :</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="205"/>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="206"/>
        <location filename="../../gui/widgets/visible_signature.py" line="207"/>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="208"/>
        <location filename="../../gui/widgets/visible_signature.py" line="209"/>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="210"/>
        <source>Enlarge…</source>
        <translation>Agrandir…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/visible_signature.py" line="211"/>
        <source>See the page large to place the signature</source>
        <translation>Voir la page en grand pour placer la signature</translation>
    </message>
</context>
<context>
    <name>_ExtendMessage</name>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="31"/>
        <source>Extend to {level}</source>
        <translation>Étendre au niveau {level}</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/extend_dialogs.py" line="37"/>
        <source>… and {count} more (see the details)</source>
        <translation>… et {count} de plus (voir les détails)</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>… and {count} more</source>
        <translation type="vanished">… et {count} de plus</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gui/dialogs/errors.py" line="24"/>
        <source>Paraphe</source>
        <translation>Paraphe</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/errors.py" line="30"/>
        <source>Something unexpected happened. Copy the details and report them.</source>
        <translation>Un problème inattendu est survenu. Copiez les détails et signalez-les.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/errors.py" line="37"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
</TS>