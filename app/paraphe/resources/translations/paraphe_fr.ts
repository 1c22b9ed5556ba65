<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
 <context>
  <name>paraphe</name>
  <message>
   <source>demo root {path}</source>
   <translation>racine de démonstration {path}</translation>
  </message>
  <message>
   <source>already {level}: {path}</source>
   <translation>déjà {level} : {path}</translation>
  </message>
  <message>
   <source>renewed: {path} (one more archive timestamp)</source>
   <translation>renouvelée : {path} (un horodatage d'archive de plus)</translation>
  </message>
  <message>
   <source>extended: {path} ({before} → {after})</source>
   <translation>étendue : {path} ({before} → {after})</translation>
  </message>
  <message>
   <source>{done} extended or already at the level, {failed} failed.</source>
   <translation>{done} étendue(s) ou déjà au niveau, {failed} en échec.</translation>
  </message>
  <message>
   <source>locked by the policy</source>
   <translation>verrouillé par la politique</translation>
  </message>
  <message>
   <source>your settings</source>
   <translation>vos réglages</translation>
  </message>
  <message>
   <source>policy default</source>
   <translation>défaut de la politique</translation>
  </message>
  <message>
   <source>built-in</source>
   <translation>par défaut</translation>
  </message>
  <message>
   <source>found</source>
   <translation>trouvé</translation>
  </message>
  <message>
   <source>none</source>
   <translation>aucun</translation>
  </message>
  <message>
   <source>Settings:</source>
   <translation>Réglages :</translation>
  </message>
  <message>
   <source>Trust:</source>
   <translation>Confiance :</translation>
  </message>
  <message>
   <source>yes</source>
   <translation>oui</translation>
  </message>
  <message>
   <source>no</source>
   <translation>non</translation>
  </message>
  <message>
   <source>Network:</source>
   <translation>Réseau :</translation>
  </message>
  <message>
   <source>Policy file: {path} ({state})</source>
   <translation>Fichier de politique : {path} ({state})</translation>
  </message>
  <message>
   <source>system roots: {answer}</source>
   <translation>racines du système : {answer}</translation>
  </message>
  <message>
   <source>user trust store can be changed: {answer}</source>
   <translation>magasin de confiance de l’utilisateur modifiable : {answer}</translation>
  </message>
  <message>
   <source>proxy: none</source>
   <translation>proxy : aucun</translation>
  </message>
  <message>
   <source>administrator's anchors: {path}</source>
   <translation>ancres de l’administrateur : {path}</translation>
  </message>
  <message>
   <source>proxy: {proxy} (policy)</source>
   <translation>proxy : {proxy} (politique)</translation>
  </message>
  <message>
   <source>proxy: {proxy} (environment)</source>
   <translation>proxy : {proxy} (environnement)</translation>
  </message>
  <message>
   <source>paraphe: warning: {message}</source>
   <translation>paraphe : avertissement : {message}</translation>
  </message>
  <message>
   <source>no token library (PKCS#11 module) was found on this computer; install the token's middleware or give its path: --pkcs11 /path/to/library</source>
   <translation>aucune bibliothèque de jeton (module PKCS#11) n’a été trouvée sur cet ordinateur ; installez le logiciel du jeton ou donnez son chemin : --pkcs11 /chemin/vers/la/bibliothèque</translation>
  </message>
  <message>
   <source>--position: X2 must exceed X1 and Y2 must exceed Y1</source>
   <translation>--position : X2 doit dépasser X1 et Y2 doit dépasser Y1</translation>
  </message>
  <message>
   <source>a token takes a PIN: use --pin-file (or $PARAPHE_PIN), not a password</source>
   <translation>un jeton demande un code PIN : utilisez --pin-file (ou $PARAPHE_PIN), pas un mot de passe</translation>
  </message>
  <message>
   <source>verification guide: {path}</source>
   <translation>procédure de vérification : {path}</translation>
  </message>
  <message>
   <source>--visible needs --format pades</source>
   <translation>--visible demande --format pades</translation>
  </message>
  <message>
   <source>{signed} signed, {failed} failed.</source>
   <translation>{signed} signé(s), {failed} en échec.</translation>
  </message>
  <message>
   <source>signed: {path}</source>
   <translation>signé : {path}</translation>
  </message>
  <message>
   <source>configured</source>
   <translation>configuré</translation>
  </message>
  <message>
   <source>registered with p11-kit</source>
   <translation>enregistré auprès de p11-kit</translation>
  </message>
  <message>
   <source>usual location</source>
   <translation>emplacement habituel</translation>
  </message>
  <message>
   <source>private key present</source>
   <translation>clé privée présente</translation>
  </message>
  <message>
   <source>Token PIN: </source>
   <translation>Code PIN du jeton : </translation>
  </message>
  <message>
   <source>No token library (PKCS#11 module) was found on this computer. Install your token's middleware, or name its library with --module PATH.</source>
   <translation>Aucune bibliothèque de jeton (module PKCS#11) n'a été trouvée sur cet ordinateur. Installez le middleware de votre jeton, ou indiquez sa bibliothèque avec --module CHEMIN.</translation>
  </message>
  <message>
   <source>No token library could be loaded.</source>
   <translation>Aucune bibliothèque de jeton n'a pu être chargée.</translation>
  </message>
  <message>
   <source>no private key</source>
   <translation>pas de clé privée</translation>
  </message>
  <message>
   <source>not initialised: it holds no certificate yet</source>
   <translation>non initialisé : il ne contient encore aucun certificat</translation>
  </message>
  <message>
   <source>The PIN was not tried: the token is locked or one wrong PIN away from locking.</source>
   <translation>Le code PIN n'a pas été essayé : le jeton est bloqué ou à un code erroné du blocage.</translation>
  </message>
  <message>
   <source>The PIN was not tried: this reader has its own PIN pad.</source>
   <translation>Le code PIN n'a pas été essayé : ce lecteur a son propre clavier.</translation>
  </message>
  <message>
   <source>no signing certificate</source>
   <translation>aucun certificat de signature</translation>
  </message>
  <message>
   <source>Certificates:</source>
   <translation>Certificats :</translation>
  </message>
  <message>
   <source>Signing certificates:</source>
   <translation>Certificats de signature :</translation>
  </message>
  <message>
   <source>key pair seen (private key not checked without PIN)</source>
   <translation>bi-clé vue (clé privée non vérifiée sans code PIN)</translation>
  </message>
  <message>
   <source>no key seen without PIN</source>
   <translation>aucune clé visible sans code PIN</translation>
  </message>
  <message>
   <source>the token asks for the PIN again for every signature</source>
   <translation>le jeton redemande le code PIN à chaque signature</translation>
  </message>
  <message>
   <source>not for signing (key usage or CA certificate)</source>
   <translation>pas pour la signature (usage de clé ou certificat d'autorité)</translation>
  </message>
  <message>
   <source>The PIN was not used: several tokens are plugged in; choose one with --token LABEL.</source>
   <translation>Le code PIN n'a pas été utilisé : plusieurs jetons sont branchés ; choisissez-en un avec --token LIBELLÉ.</translation>
  </message>
  <message>
   <source>Module {path} ({vendor}, {source})</source>
   <translation>Module {path} ({vendor}, {source})</translation>
  </message>
  <message>
   <source>no slot (no reader or token seen by this library)</source>
   <translation>aucun emplacement (aucun lecteur ni jeton vu par cette bibliothèque)</translation>
  </message>
  <message>
   <source>Token: {label}</source>
   <translation>Jeton : {label}</translation>
  </message>
  <message>
   <source>manufacturer: {manufacturer}, model: {model}, serial: {serial}</source>
   <translation>fabricant : {manufacturer}, modèle : {model}, numéro de série : {serial}</translation>
  </message>
  <message>
   <source>flags: {flags}</source>
   <translation>indicateurs : {flags}</translation>
  </message>
  <message>
   <source>issuer: {issuer}</source>
   <translation>émetteur : {issuer}</translation>
  </message>
  <message>
   <source>valid from {not_before} to {not_after}</source>
   <translation>valide du {not_before} au {not_after}</translation>
  </message>
  <message>
   <source>SHA-256: {fingerprint}</source>
   <translation>SHA-256 : {fingerprint}</translation>
  </message>
  <message>
   <source>key: {label} (id {key_id}), {state}</source>
   <translation>clé : {label} (id {key_id}), {state}</translation>
  </message>
  <message>
   <source>no token</source>
   <translation>aucun jeton</translation>
  </message>
  <message>
   <source>(no label)</source>
   <translation>(sans libellé)</translation>
  </message>
  <message>
   <source>organisation: {organisation}, SIREN: {siren}</source>
   <translation>organisation : {organisation}, SIREN : {siren}</translation>
  </message>
  <message>
   <source>cannot be used: {reason}</source>
   <translation>inutilisable : {reason}</translation>
  </message>
  <message>
   <source>Slot: {description} ({manufacturer})</source>
   <translation>Emplacement : {description} ({manufacturer})</translation>
  </message>
  <message>
   <source>The trust store is empty ({folder}).</source>
   <translation>Le magasin de confiance est vide ({folder}).</translation>
  </message>
  <message>
   <source>trusted: {subject} (SHA-256 {fingerprint})</source>
   <translation>certificat de confiance ajouté : {subject} (SHA-256 {fingerprint})</translation>
  </message>
  <message>
   <source>no trusted certificate has a fingerprint starting with {prefix}</source>
   <translation>aucun certificat de confiance n'a une empreinte commençant par {prefix}</translation>
  </message>
  <message>
   <source>removed: {fingerprint}</source>
   <translation>retiré : {fingerprint}</translation>
  </message>
  <message>
   <source>snapshot shipped with Paraphe</source>
   <translation>instantané fourni avec Paraphe</translation>
  </message>
  <message>
   <source>Trusted lists: {done} of {total} ({name})</source>
   <translation>Listes de confiance : {done} sur {total} ({name})</translation>
  </message>
  <message>
   <source>No EU trusted lists: run “paraphe trust update”.</source>
   <translation>Aucune liste de confiance de l’UE : lancez « paraphe trust update ».</translation>
  </message>
  <message>
   <source>{count} trusted lists verified.</source>
   <translation>{count} listes de confiance vérifiées.</translation>
  </message>
  <message>
   <source>trusted list added: {label} ({count} services), next update {next}</source>
   <translation>liste de confiance ajoutée : {label} ({count} services), prochaine mise à jour {next}</translation>
  </message>
  <message>
   <source>updated {date} from {source}</source>
   <translation>mises à jour le {date} depuis {source}</translation>
  </message>
  <message>
   <source>EU trusted lists as of {date} ({origin})</source>
   <translation>Listes de confiance de l’UE au {date} ({origin})</translation>
  </message>
  <message>
   <source>LOTL {label} verified; next update {next}.</source>
   <translation>LOTL {label} vérifiée ; prochaine mise à jour {next}.</translation>
  </message>
  <message>
   <source>sequence {sequence}, issued {issued}, next update {next}</source>
   <translation>numéro {sequence}, émise le {issued}, prochaine mise à jour {next}</translation>
  </message>
  <message>
   <source>{name}: {problem}</source>
   <translation>{name} : {problem}</translation>
  </message>
  <message>
   <source>stale since {date}</source>
   <translation>périmée depuis le {date}</translation>
  </message>
  <message>
   <source>not available: {problem}</source>
   <translation>indisponible : {problem}</translation>
  </message>
  <message>
   <source>Documents without a signature ({count}):</source>
   <translation>Documents sans signature ({count}) :</translation>
  </message>
  <message>
   <source>Signatures whose document is missing ({count}):</source>
   <translation>Signatures dont le document est absent ({count}) :</translation>
  </message>
  <message>
   <source>Could not be read ({count}):</source>
   <translation>Illisibles ({count}) :</translation>
  </message>
  <message>
   <source>unknown signer</source>
   <translation>signataire inconnu</translation>
  </message>
  <message>
   <source>qualification: {status}{where} — {reading}</source>
   <translation>qualification : {status}{where} — {reading}</translation>
  </message>
  <message>
   <source>signed at {time} (proven by a timestamp)</source>
   <translation>signé le {time} (prouvé par un horodatage)</translation>
  </message>
  <message>
   <source>signed at {time} (claimed by the signer)</source>
   <translation>signé le {time} (déclaré par le signataire)</translation>
  </message>
  <message>
   <source>⚠ {kind} not valid ({code}): {reason}</source>
   <translation>⚠ {kind} non valide ({code}) : {reason}</translation>
  </message>
  <message>
   <source>⚠ {kind} could not be validated ({code}): {reason}</source>
   <translation>⚠ {kind} non vérifiable ({code}) : {reason}</translation>
  </message>
  <message>
   <source>Verification at {time} ({mode}); trusted: {trust}</source>
   <translation>Vérification au {time} ({mode}) ; confiance : {trust}</translation>
  </message>
  <message>
   <source>{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate.</source>
   <translation>{total} signature(s) : {passed} valide(s), {failed} en échec, {indeterminate} indéterminée(s).</translation>
  </message>
  <message>
   <source>{path}: signed document written to {output}</source>
   <translation>{path} : document signé écrit dans {output}</translation>
  </message>
  <message>
   <source>{path}: its signed document was not written (the file could not be read again; inside an archive, extract the archive first)</source>
   <translation>{path} : son document signé n’a pas été écrit (le fichier n’a pas pu être relu ; dans une archive, extrayez d’abord l’archive)</translation>
  </message>
  <message>
   <source>{path}: no signature was found, so there is no ETSI report to write</source>
   <translation>{path} : aucune signature trouvée, donc pas de rapport ETSI à écrire</translation>
  </message>
  <message>
   <source>signature: {path}</source>
   <translation>signature : {path}</translation>
  </message>
  <message>
   <source>paraphe: interrupted; no partial output was kept.</source>
   <translation>paraphe : interrompu ; aucune sortie partielle n'a été conservée.</translation>
  </message>
  <message>
   <source>policy: {problem}</source>
   <translation>politique : {problem}</translation>
  </message>
  <message>
   <source>paraphe: unexpected error ({error}). Run again with --debug and report the details.</source>
   <translation>paraphe : erreur inattendue ({error}). Relancez avec --debug et signalez les détails.</translation>
  </message>
  <message>
   <source>Password for {name}: </source>
   <translation>Mot de passe de {name} : </translation>
  </message>
  <message>
   <source>--password-stdin: there is no standard input</source>
   <translation>--password-stdin : il n’y a pas d’entrée standard</translation>
  </message>
  <message>
   <source>PIN for the token {token}: </source>
   <translation>Code PIN du jeton {token} : </translation>
  </message>
  <message>
   <source>--tsa-password-file needs --tsa-user</source>
   <translation>--tsa-password-file demande --tsa-user</translation>
  </message>
  <message>
   <source>a list of addresses</source>
   <translation>une liste d’adresses</translation>
  </message>
  <message>
   <source>a list of library paths</source>
   <translation>une liste de chemins de bibliothèques</translation>
  </message>
  <message>
   <source>xades, cades or pades</source>
   <translation>xades, cades ou pades</translation>
  </message>
  <message>
   <source>B-B, B-T, B-LT or B-LTA</source>
   <translation>B-B, B-T, B-LT ou B-LTA</translation>
  </message>
  <message>
   <source>text</source>
   <translation>du texte</translation>
  </message>
  <message>
   <source>a folder path</source>
   <translation>un chemin de dossier</translation>
  </message>
  <message>
   <source>an address, a file or a folder</source>
   <translation>une adresse, un fichier ou un dossier</translation>
  </message>
  <message>
   <source>true or false</source>
   <translation>true ou false</translation>
  </message>
  <message>
   <source>system, fr or en</source>
   <translation>system, fr ou en</translation>
  </message>
  <message>
   <source>a list of certificate files</source>
   <translation>une liste de fichiers de certificats</translation>
  </message>
  <message>
   <source>a proxy address such as http://proxy:3128</source>
   <translation>une adresse de proxy comme http://proxy:3128</translation>
  </message>
  <message>
   <source>a comma-separated list of hosts</source>
   <translation>une liste d’hôtes séparés par des virgules</translation>
  </message>
  <message>
   <source>unknown section or key “{name}” (known: {known}); ignored</source>
   <translation>section ou clé inconnue « {name} » (connues : {known}) ; ignorée</translation>
  </message>
  <message>
   <source>not valid TOML ({reason}); the whole policy is ignored</source>
   <translation>TOML invalide ({reason}) ; toute la politique est ignorée</translation>
  </message>
  <message>
   <source>unknown key “{key}” in [{table}]; ignored</source>
   <translation>clé inconnue « {key} » dans [{table}] ; ignorée</translation>
  </message>
  <message>
   <source>“{key}” in [{table}] must be {wanted}; ignored</source>
   <translation>« {key} » dans [{table}] doit être {wanted} ; ignorée</translation>
  </message>
  <message>
   <source>{path}, line {line}</source>
   <translation>{path}, ligne {line}</translation>
  </message>
  <message>
   <source>larger than 1 MB: not a policy file</source>
   <translation>plus de 1 Mo : pas un fichier de politique</translation>
  </message>
  <message>
   <source>cannot read it ({reason})</source>
   <translation>illisible ({reason})</translation>
  </message>
  <message>
   <source>not UTF-8 text</source>
   <translation>pas du texte UTF-8</translation>
  </message>
  <message>
   <source>module path unknown</source>
   <translation>chemin du module inconnu</translation>
  </message>
  <message>
   <source>this is a folder, not a library file</source>
   <translation>c’est un dossier, pas un fichier de bibliothèque</translation>
  </message>
  <message>
   <source>token {token}: a wrong PIN was entered before: few tries are left before it locks.</source>
   <translation>jeton {token} : un code PIN erroné a déjà été saisi : il reste peu d'essais avant le blocage.</translation>
  </message>
  <message>
   <source>token {token}: one try left before the token locks.</source>
   <translation>jeton {token} : plus qu'un essai avant le blocage du jeton.</translation>
  </message>
  <message>
   <source>token {token}: type the PIN on the reader's keypad.</source>
   <translation>jeton {token} : saisissez le code PIN sur le clavier du lecteur.</translation>
  </message>
  <message>
   <source>token {token}: this key asks for its PIN on the reader's keypad again for each signature.</source>
   <translation>jeton {token} : cette clé redemande son code PIN sur le clavier du lecteur à chaque signature.</translation>
  </message>
  <message>
   <source>the file is empty</source>
   <translation>le fichier est vide</translation>
  </message>
  <message>
   <source>no such file</source>
   <translation>fichier introuvable</translation>
  </message>
  <message>
   <source>file too large for a certificate file</source>
   <translation>fichier trop gros pour un fichier de certificat</translation>
  </message>
  <message>
   <source>damaged or not a PKCS#12 file</source>
   <translation>endommagé ou pas un fichier PKCS#12</translation>
  </message>
  <message>
   <source>cannot read it</source>
   <translation>illisible</translation>
  </message>
  <message>
   <source>no free output name</source>
   <translation>aucun nom de sortie libre</translation>
  </message>
  <message>
   <source>the folder does not exist</source>
   <translation>le dossier n’existe pas</translation>
  </message>
  <message>
   <source>not a regular file</source>
   <translation>pas un fichier ordinaire</translation>
  </message>
  <message>
   <source>not a regular file nor a pipe</source>
   <translation>ni un fichier ordinaire ni un tube</translation>
  </message>
  <message>
   <source>it is a folder, not a file</source>
   <translation>c'est un dossier, pas un fichier</translation>
  </message>
  <message>
   <source>too large for this kind of file</source>
   <translation>trop volumineux pour ce type de fichier</translation>
  </message>
  <message>
   <source>its first line is too long</source>
   <translation>sa première ligne est trop longue</translation>
  </message>
  <message>
   <source>The signed revision of {path} could not be extracted: {detail}. Open the PDF itself.</source>
   <translation>La révision signée de {path} n'a pas pu être extraite : {detail}. Ouvrez le PDF lui-même.</translation>
  </message>
  <message>
   <source>The document is intact and the signer's certificate was valid, unrevoked and issued by a trusted authority.</source>
   <translation>Le document est intact et le certificat du signataire était valide, non révoqué et émis par une autorité de confiance.</translation>
  </message>
  <message>
   <source>{time} (proven by a timestamp)</source>
   <translation>{time} (prouvé par un horodatage)</translation>
  </message>
  <message>
   <source>{time} (claimed by the signer)</source>
   <translation>{time} (déclaré par le signataire)</translation>
  </message>
  <message>
   <source>{time} (the validation time: no signing time is known)</source>
   <translation>{time} (heure de la validation : aucune heure de signature connue)</translation>
  </message>
  <message>
   <source>Signer</source>
   <translation>Signataire</translation>
  </message>
  <message>
   <source>Certificate</source>
   <translation>Certificat</translation>
  </message>
  <message>
   <source>Certificate chain</source>
   <translation>Chaîne de certification</translation>
  </message>
  <message>
   <source>issued by {issuer}, valid until {date}</source>
   <translation>émis par {issuer}, valide jusqu'au {date}</translation>
  </message>
  <message>
   <source>Revocation</source>
   <translation>Révocation</translation>
  </message>
  <message>
   <source>Format and level</source>
   <translation>Format et niveau</translation>
  </message>
  <message>
   <source>Signature</source>
   <translation>Signature</translation>
  </message>
  <message>
   <source>Time</source>
   <translation>Date et heure</translation>
  </message>
  <message>
   <source>Status</source>
   <translation>Statut</translation>
  </message>
  <message>
   <source>Meaning</source>
   <translation>Signification</translation>
  </message>
  <message>
   <source>Public procurement</source>
   <translation>Marchés publics</translation>
  </message>
  <message>
   <source>Trusted list</source>
   <translation>Liste de confiance</translation>
  </message>
  <message>
   <source>Service</source>
   <translation>Service</translation>
  </message>
  <message>
   <source>Qualification (EU trusted lists)</source>
   <translation>Qualification (listes de confiance de l’UE)</translation>
  </message>
  <message>
   <source>no timestamp: the signing time is only claimed</source>
   <translation>pas d'horodatage : la date de signature est seulement déclarée</translation>
  </message>
  <message>
   <source>Timestamps</source>
   <translation>Horodatages</translation>
  </message>
  <message>
   <source>Timestamping authority</source>
   <translation>Autorité d'horodatage</translation>
  </message>
  <message>
   <source>Verdict</source>
   <translation>Verdict</translation>
  </message>
  <message>
   <source>Subject</source>
   <translation>Sujet</translation>
  </message>
  <message>
   <source>Issuer</source>
   <translation>Émetteur</translation>
  </message>
  <message>
   <source>Serial number</source>
   <translation>Numéro de série</translation>
  </message>
  <message>
   <source>Valid</source>
   <translation>Valide</translation>
  </message>
  <message>
   <source>SHA-256 fingerprint</source>
   <translation>Empreinte SHA-256</translation>
  </message>
  <message>
   <source>Key usage</source>
   <translation>Usage de la clé</translation>
  </message>
  <message>
   <source>QC statements</source>
   <translation>Déclarations QC</translation>
  </message>
  <message>
   <source>Qualified (declared by the certificate)</source>
   <translation>Qualifié (déclaré par le certificat)</translation>
  </message>
  <message>
   <source>Source</source>
   <translation>Source</translation>
  </message>
  <message>
   <source>Covers the whole document</source>
   <translation>Couvre tout le document</translation>
  </message>
  <message>
   <source>Coverage</source>
   <translation>Couverture</translation>
  </message>
  <message>
   <source>Changes after signing</source>
   <translation>Modifications après signature</translation>
  </message>
  <message>
   <source>PDF coverage</source>
   <translation>Couverture du PDF</translation>
  </message>
  <message>
   <source>Checks</source>
   <translation>Contrôles</translation>
  </message>
  <message>
   <source>Signed document</source>
   <translation>Document signé</translation>
  </message>
  <message>
   <source>Signature identifier</source>
   <translation>Identifiant de la signature</translation>
  </message>
  <message>
   <source>Name</source>
   <translation>Nom</translation>
  </message>
  <message>
   <source>Organisation</source>
   <translation>Organisation</translation>
  </message>
  <message>
   <source>Organisation identifier</source>
   <translation>Identifiant de l'organisation</translation>
  </message>
  <message>
   <source>SIREN</source>
   <translation>SIREN</translation>
  </message>
  <message>
   <source>E-mail</source>
   <translation>Courriel</translation>
  </message>
  <message>
   <source>Country</source>
   <translation>Pays</translation>
  </message>
  <message>
   <source>Claimed signing time</source>
   <translation>Date de signature déclarée</translation>
  </message>
  <message>
   <source>Proven by a timestamp</source>
   <translation>Prouvée par un horodatage</translation>
  </message>
  <message>
   <source>Judged at</source>
   <translation>Évaluée au</translation>
  </message>
  <message>
   <source>no valid timestamp: the signing time is only claimed</source>
   <translation>pas d'horodatage valide : la date de signature est seulement déclarée</translation>
  </message>
  <message>
   <source>{time}, by the {kind} of {authority}</source>
   <translation>{time}, par l'{kind} de {authority}</translation>
  </message>
  <message>
   <source>from {start} to {end}</source>
   <translation>du {start} au {end}</translation>
  </message>
  <message>
   <source>Detail</source>
   <translation>Détail</translation>
  </message>
  <message>
   <source>Signed revision</source>
   <translation>Révision signée</translation>
  </message>
  <message>
   <source>Changes the certification allows</source>
   <translation>Modifications que la certification autorise</translation>
  </message>
  <message>
   <source>No check recorded.</source>
   <translation>Aucun contrôle enregistré.</translation>
  </message>
  <message>
   <source>The signer could not be identified.</source>
   <translation>Le signataire n'a pas pu être identifié.</translation>
  </message>
  <message>
   <source>{time}, by the {kind}</source>
   <translation>{time}, par l'{kind}</translation>
  </message>
  <message>
   <source>{verdict}: proves when the signature existed</source>
   <translation>{verdict} : prouve quand la signature existait</translation>
  </message>
  <message>
   <source>Why</source>
   <translation>Pourquoi</translation>
  </message>
  <message>
   <source>No signing certificate found.</source>
   <translation>Aucun certificat de signature trouvé.</translation>
  </message>
  <message>
   <source>No chain to a trusted authority was built.</source>
   <translation>Aucune chaîne vers une autorité de confiance n'a pu être construite.</translation>
  </message>
  <message>
   <source>Not checked.</source>
   <translation>Non vérifié.</translation>
  </message>
  <message>
   <source>revoked on {date}</source>
   <translation>révoqué le {date}</translation>
  </message>
  <message>
   <source>{time} (not proven)</source>
   <translation>{time} (non prouvée)</translation>
  </message>
  <message>
   <source>{revision} of {revisions}</source>
   <translation>{revision} sur {revisions}</translation>
  </message>
  <message>
   <source>{label}: {value}</source>
   <translation>{label} : {value}</translation>
  </message>
  <message>
   <source>{names} and {count} more</source>
   <translation>{names} et {count} autre(s)</translation>
  </message>
  <message>
   <source>Counter-signature of signature {id}</source>
   <translation>Contre-signature de la signature {id}</translation>
  </message>
  <message>
   <source>Plain {kind} signature, without the AdES signed attributes: its cryptography and certificate are checked, but it is not an AdES signature (public procurement expects XAdES, CAdES or PAdES).</source>
   <translation>Signature {kind} simple, sans les attributs signés AdES : sa cryptographie et son certificat sont vérifiés, mais ce n'est pas une signature AdES (la commande publique attend XAdES, CAdES ou PAdES).</translation>
  </message>
  <message>
   <source>{name}: its digest matches</source>
   <translation>{name} : son empreinte correspond</translation>
  </message>
  <message>
   <source>{name}: its digest does NOT match (modified)</source>
   <translation>{name} : son empreinte ne correspond PAS (modifié)</translation>
  </message>
  <message>
   <source>{name}: not checked</source>
   <translation>{name} : non vérifié</translation>
  </message>
  <message>
   <source>Detached signature — signed document(s) beside it: {names}</source>
   <translation>Signature détachée — document(s) signé(s) à côté : {names}</translation>
  </message>
  <message>
   <source>Enveloped signature — inside the XML document it signs</source>
   <translation>Signature enveloppée — dans le document XML qu'elle signe</translation>
  </message>
  <message>
   <source>Enveloping signature — document included: {names}</source>
   <translation>Signature enveloppante — document intégré : {names}</translation>
  </message>
  <message>
   <source>Signature embedded in the PDF it signs</source>
   <translation>Signature intégrée au PDF qu'elle signe</translation>
  </message>
  <message>
   <source>Detached signature</source>
   <translation>Signature détachée</translation>
  </message>
  <message>
   <source>Enveloping signature — the document is inside the signature</source>
   <translation>Signature enveloppante — le document est dans la signature</translation>
  </message>
  <message>
   <source>ASiC-E container: {count} signed document(s)</source>
   <translation>Conteneur ASiC-E : {count} document(s) signé(s)</translation>
  </message>
  <message>
   <source>ASiC-S container: {count} signed document(s)</source>
   <translation>Conteneur ASiC-S : {count} document(s) signé(s)</translation>
  </message>
  <message>
   <source>Electronic signature verification report</source>
   <translation>Rapport de vérification de signatures électroniques</translation>
  </message>
  <message>
   <source>This report records the verification of the electronic signatures listed below, following the five checks of the arrêté of 22 March 2019 on the signature of public contracts.</source>
   <translation>Ce rapport consigne la vérification des signatures électroniques listées ci-dessous, selon les cinq contrôles de l'arrêté du 22 mars 2019 relatif à la signature électronique des contrats de la commande publique.</translation>
  </message>
  <message>
   <source>file</source>
   <translation>fichier</translation>
  </message>
  <message>
   <source>folder</source>
   <translation>dossier</translation>
  </message>
  <message>
   <source>ZIP archive</source>
   <translation>archive ZIP</translation>
  </message>
  <message>
   <source>page {number} / {count}</source>
   <translation>page {number} / {count}</translation>
  </message>
  <message>
   <source>No.</source>
   <translation>N°</translation>
  </message>
  <message>
   <source>Document</source>
   <translation>Document</translation>
  </message>
  <message>
   <source>Organisation (SIREN)</source>
   <translation>Organisation (SIREN)</translation>
  </message>
  <message>
   <source>Signing time</source>
   <translation>Date de signature</translation>
  </message>
  <message>
   <source>Qualification</source>
   <translation>Qualification</translation>
  </message>
  <message>
   <source>Unsigned documents</source>
   <translation>Documents non signés</translation>
  </message>
  <message>
   <source>Signatures without their document</source>
   <translation>Signatures sans leur document</translation>
  </message>
  <message>
   <source>Files that could not be read</source>
   <translation>Fichiers illisibles</translation>
  </message>
  <message>
   <source>timestamp</source>
   <translation>horodatage</translation>
  </message>
  <message>
   <source>claimed</source>
   <translation>déclarée</translation>
  </message>
  <message>
   <source>Report made on {time} by Paraphe {version}</source>
   <translation>Rapport établi le {time} par Paraphe {version}</translation>
  </message>
  <message>
   <source>Verified on</source>
   <translation>Vérifié le</translation>
  </message>
  <message>
   <source>Verified by</source>
   <translation>Vérifié par</translation>
  </message>
  <message>
   <source>Mode</source>
   <translation>Mode</translation>
  </message>
  <message>
   <source>Trusted sources</source>
   <translation>Sources de confiance</translation>
  </message>
  <message>
   <source>Signature {number} of {count}</source>
   <translation>Signature {number} sur {count}</translation>
  </message>
  <message>
   <source>What was checked</source>
   <translation>Ce qui a été vérifié</translation>
  </message>
  <message>
   <source>Kind</source>
   <translation>Nature</translation>
  </message>
  <message>
   <source>Path</source>
   <translation>Chemin</translation>
  </message>
  <message>
   <source>SHA-256</source>
   <translation>SHA-256</translation>
  </message>
  <message>
   <source>Verdicts</source>
   <translation>Verdicts</translation>
  </message>
  <message>
   <source>The five checks of the arrêté of 22 March 2019</source>
   <translation>Les cinq contrôles de l'arrêté du 22 mars 2019</translation>
  </message>
  <message>
   <source>Check and result</source>
   <translation>Contrôle et résultat</translation>
  </message>
  <message>
   <source>Evidence</source>
   <translation>Éléments constatés</translation>
  </message>
  <message>
   <source>{total} signature(s): {passed} valid, {failed} failed, {indeterminate} indeterminate</source>
   <translation>{total} signature(s) : {passed} valide(s), {failed} en échec, {indeterminate} indéterminée(s)</translation>
  </message>
  <message>
   <source>ETSI indication: {code}</source>
   <translation>Indication ETSI : {code}</translation>
  </message>
  <message>
   <source>Identity of the signer</source>
   <translation>Identité du signataire</translation>
  </message>
  <message>
   <source>Category of the certificate</source>
   <translation>Catégorie du certificat</translation>
  </message>
  <message>
   <source>Format and level of the signature</source>
   <translation>Format et niveau de la signature</translation>
  </message>
  <message>
   <source>Certificate valid and not revoked at the signing time</source>
   <translation>Certificat valide et non révoqué au moment de la signature</translation>
  </message>
  <message>
   <source>Integrity of the signed document</source>
   <translation>Intégrité du document signé</translation>
  </message>
  <message>
   <source>To be confirmed by the buyer: check that this person may commit the company that submits the tender.</source>
   <translation>À confirmer par l'acheteur : vérifier que cette personne peut engager l'entreprise qui dépose l'offre.</translation>
  </message>
  <message>
   <source>Valid at the signing time and not revoked.</source>
   <translation>Valide au moment de la signature et non révoqué.</translation>
  </message>
  <message>
   <source>The document is exactly the one that was signed.</source>
   <translation>Le document est exactement celui qui a été signé.</translation>
  </message>
  <message>
   <source>To be confirmed</source>
   <translation>À confirmer</translation>
  </message>
  <message>
   <source>TO BE CONFIRMED</source>
   <translation>À CONFIRMER</translation>
  </message>
  <message>
   <source>The certificate declares itself qualified; the EU trusted lists were not consulted to confirm it.</source>
   <translation>Le certificat se déclare qualifié ; les listes de confiance de l'UE n'ont pas été consultées pour le confirmer.</translation>
  </message>
  <message>
   <source>The certificate does not declare itself qualified, and the EU trusted lists were not consulted.</source>
   <translation>Le certificat ne se déclare pas qualifié, et les listes de confiance de l'UE n'ont pas été consultées.</translation>
  </message>
  <message>
   <source>The certificate was not valid at the signing time.</source>
   <translation>Le certificat n'était pas valide au moment de la signature.</translation>
  </message>
  <message>
   <source>The revocation status was not checked: the validation stopped before it.</source>
   <translation>L'état de révocation n'a pas été vérifié : la validation s'est arrêtée avant.</translation>
  </message>
  <message>
   <source>The revocation status could not be obtained.</source>
   <translation>L'état de révocation n'a pas pu être obtenu.</translation>
  </message>
  <message>
   <source>The integrity could not be established (see the checks).</source>
   <translation>L'intégrité n'a pas pu être établie (voir les contrôles).</translation>
  </message>
  <message>
   <source>unknown</source>
   <translation>inconnu</translation>
  </message>
  <message>
   <source>Revoked after the signing time proven by a timestamp.</source>
   <translation>Révoqué après la date de signature prouvée par un horodatage.</translation>
  </message>
  <message>
   <source>The level could not be read.</source>
   <translation>Le niveau n'a pas pu être lu.</translation>
  </message>
  <message>
   <source>{format}, level {level}: a format accepted for public contracts.</source>
   <translation>{format}, niveau {level} : un format accepté pour la commande publique.</translation>
  </message>
  <message>
   <source>Revocation source</source>
   <translation>Source de la révocation</translation>
  </message>
  <message>
   <source>Signing time and revocation</source>
   <translation>Heure de signature et révocation</translation>
  </message>
  <message>
   <source>The certificate has been revoked.</source>
   <translation>Le certificat a été révoqué.</translation>
  </message>
  <message>
   <source>undecided</source>
   <translation>indéterminé</translation>
  </message>
  <message>
   <source>Revoked on</source>
   <translation>Révoqué le</translation>
  </message>
  <message>
   <source>Read from the ZIP archive</source>
   <translation>Lu dans l'archive ZIP</translation>
  </message>
  <message>
   <source>SHA-256 of the archive</source>
   <translation>SHA-256 de l'archive</translation>
  </message>
  <message>
   <source>{check}: {detail}</source>
   <translation>{check} : {detail}</translation>
  </message>
  <message>
   <source>the file is no longer on disk</source>
   <translation>le fichier n'est plus sur le disque</translation>
  </message>
  <message>
   <source>The signing time claimed ({claimed}) is after the revocation ({revoked}): nothing proves the signature was made before.</source>
   <translation>L'heure de signature déclarée ({claimed}) est postérieure à la révocation ({revoked}) : rien ne prouve que la signature a été faite avant.</translation>
  </message>
  <message>
   <source>The signing time claimed ({claimed}) is before the revocation ({revoked}), but nothing proves it: only a timestamp made before the revocation would.</source>
   <translation>L'heure de signature déclarée ({claimed}) est antérieure à la révocation ({revoked}), mais rien ne le prouve : seul un horodatage antérieur à la révocation le prouverait.</translation>
  </message>
  <message>
   <source>The certificate was revoked on {revoked} and no signing time is known: nothing proves the signature was made before.</source>
   <translation>Le certificat a été révoqué le {revoked} et aucune heure de signature n'est connue : rien ne prouve que la signature a été faite avant.</translation>
  </message>
  <message>
   <source>The timestamp proves the signature existed at {proven}, after the revocation ({revoked}): it was made with a revoked certificate.</source>
   <translation>L'horodatage prouve que la signature existait le {proven}, après la révocation ({revoked}) : elle a été faite avec un certificat révoqué.</translation>
  </message>
  <message>
   <source>The timestamp proves the signature existed at {proven}, before the revocation ({revoked}).</source>
   <translation>L'horodatage prouve que la signature existait le {proven}, avant la révocation ({revoked}).</translation>
  </message>
  <message>
   <source>nothing</source>
   <translation>aucune</translation>
  </message>
  <message>
   <source>online</source>
   <translation>en ligne</translation>
  </message>
  <message>
   <source>offline</source>
   <translation>hors ligne</translation>
  </message>
  <message>
   <source>VALID</source>
   <translation>VALIDE</translation>
  </message>
  <message>
   <source>Indeterminate</source>
   <translation>Indéterminée</translation>
  </message>
  <message>
   <source>INDETERMINATE</source>
   <translation>INDÉTERMINÉE</translation>
  </message>
  <message>
   <source>Failed</source>
   <translation>Échec</translation>
  </message>
  <message>
   <source>FAILED</source>
   <translation>ÉCHEC</translation>
  </message>
  <message>
   <source>Signature verification procedure</source>
   <translation>Procédure de vérification des signatures</translation>
  </message>
  <message>
   <source>This document accompanies the electronic signatures listed below. It lets their recipient, a public buyer for instance, verify them free of charge, as the arrêté of 22 March 2019 on the signature of public contracts requires of a bidder who signs with a tool other than the buyer platform's.</source>
   <translation>Ce document accompagne les signatures électroniques énumérées ci-dessous. Il permet à leur destinataire, un acheteur public par exemple, de les vérifier gratuitement, comme l’arrêté du 22 mars 2019 relatif à la signature électronique des contrats de la commande publique l’exige du soumissionnaire qui signe avec un autre outil que celui du profil d’acheteur.</translation>
  </message>
  <message>
   <source>signature (XAdES)</source>
   <translation>signature (XAdES)</translation>
  </message>
  <message>
   <source>signature (CAdES)</source>
   <translation>signature (CAdES)</translation>
  </message>
  <message>
   <source>signed PDF (PAdES)</source>
   <translation>PDF signé (PAdES)</translation>
  </message>
  <message>
   <source>{path}: cannot write the verification guide here ({detail}); the signatures are written, the guide is not.</source>
   <translation>{path} : impossible d’écrire la procédure de vérification ici ({detail}) ; les signatures sont écrites, la procédure ne l’est pas.</translation>
  </message>
  <message>
   <source>each signature is valid (TOTAL_PASSED);</source>
   <translation>chaque signature est valide (TOTAL_PASSED) ;</translation>
  </message>
  <message>
   <source>its signer is the one named above, with the same certificate fingerprint;</source>
   <translation>son signataire est celui nommé ci-dessus, avec la même empreinte de certificat ;</translation>
  </message>
  <message>
   <source>each file's SHA-256 is the one above (on Windows: certutil -hashfile FILE SHA256; on macOS and Linux: shasum -a 256 FILE);</source>
   <translation>l’empreinte SHA-256 de chaque fichier est celle indiquée ci-dessus (sous Windows : certutil -hashfile FICHIER SHA256 ; sous macOS et Linux : shasum -a 256 FICHIER) ;</translation>
  </message>
  <message>
   <source>for a public contract, the signature is at least advanced and based on a qualified certificate (AdES/QC or QES), as the arrêté of 22 March 2019 requires.</source>
   <translation>pour un marché public, la signature est au moins avancée et repose sur un certificat qualifié (AdES/QC ou QES), comme l’exige l’arrêté du 22 mars 2019.</translation>
  </message>
  <message>
   <source>1. With Paraphe</source>
   <translation>1. Avec Paraphe</translation>
  </message>
  <message>
   <source>2. With the European Commission's DSS demonstration validator</source>
   <translation>2. Avec le validateur de démonstration DSS de la Commission européenne</translation>
  </message>
  <message>
   <source>3. With the French State's free services</source>
   <translation>3. Avec les services gratuits de l’État</translation>
  </message>
  <message>
   <source>Guide made on {time} by Paraphe {version}</source>
   <translation>Procédure établie le {time} par Paraphe {version}</translation>
  </message>
  <message>
   <source>no EU trusted list was available</source>
   <translation>aucune liste de confiance de l’UE n’était disponible</translation>
  </message>
  <message>
   <source>Provider</source>
   <translation>Prestataire</translation>
  </message>
  <message>
   <source>Revocation list (CRL)</source>
   <translation>Liste de révocation (CRL)</translation>
  </message>
  <message>
   <source>OCSP responder</source>
   <translation>serveur OCSP</translation>
  </message>
  <message>
   <source>Authority's certificate (download)</source>
   <translation>Certificat de l’autorité (téléchargement)</translation>
  </message>
  <message>
   <source>Paraphe verifies signatures free of charge, without a network if need be.</source>
   <translation>Paraphe vérifie les signatures gratuitement, au besoin sans réseau.</translation>
  </message>
  <message>
   <source>Put the documents and their signatures in one folder, as handed over.</source>
   <translation>Placez les documents et leurs signatures dans un même dossier, tels qu’ils ont été remis.</translation>
  </message>
  <message>
   <source>In the desktop application, open the Verify tab and drop the folder on it; on the command line, run: paraphe verify FOLDER (with --report report.pdf to keep a verification report).</source>
   <translation>Dans l’application de bureau, ouvrez l’onglet Vérifier et déposez-y le dossier ; en ligne de commande, lancez : paraphe verify DOSSIER (avec --report rapport.pdf pour garder un rapport de vérification).</translation>
  </message>
  <message>
   <source>Each signature must be shown valid, made by the signer named above.</source>
   <translation>Chaque signature doit être indiquée valide, faite par le signataire nommé ci-dessus.</translation>
  </message>
  <message>
   <source>Open this address in a web browser (free, no account): {url}</source>
   <translation>Ouvrez cette adresse dans un navigateur web (gratuit, sans compte) : {url}</translation>
  </message>
  <message>
   <source>Under “Signed file”, choose the signature file (.xml or .p7s) or the signed PDF; for a signature file, give the document it signs under “Original file(s)”.</source>
   <translation>Sous « Signed file », choisissez le fichier de signature (.xml ou .p7s) ou le PDF signé ; pour un fichier de signature, donnez le document qu’il signe sous « Original file(s) ».</translation>
  </message>
  <message>
   <source>Click “Validate”: the simple report gives the indication (TOTAL_PASSED: valid), the signer and the qualification (QESig: qualified electronic signature).</source>
   <translation>Cliquez sur « Validate » : le rapport simple (« Simple report ») donne l’indication (TOTAL_PASSED : valide), le signataire et la qualification (QESig : signature électronique qualifiée).</translation>
  </message>
  <message>
   <source>Buyer platforms verify the signatures of a tender when it is uploaded; PLACE, the State's buyer platform ({platform}), offers a free signature verification tool.</source>
   <translation>Les profils d’acheteur vérifient les signatures d’une offre lors de son dépôt ; PLACE, la plateforme des achats de l’État ({platform}), propose un outil gratuit de vérification de signature.</translation>
  </message>
  <message>
   <source>The free signature verification service of the French State is listed by the national cybersecurity agency (ANSSI) on {site}: search the site for “validation de signature”.</source>
   <translation>Le service gratuit de vérification de signature de l’État est référencé par l’Agence nationale de la sécurité des systèmes d’information (ANSSI) sur {site} : cherchez « validation de signature » sur le site.</translation>
  </message>
  <message>
   <source>Role</source>
   <translation>Rôle</translation>
  </message>
  <message>
   <source>File and SHA-256</source>
   <translation>Fichier et SHA-256</translation>
  </message>
  <message>
   <source>document</source>
   <translation>document</translation>
  </message>
  <message>
   <source>Signed files</source>
   <translation>Fichiers signés</translation>
  </message>
  <message>
   <source>Give the verifier each signature with the document it signs, both as they are: a file whose SHA-256 differs from the one below is not the file that was signed. A signed PDF holds its own signature.</source>
   <translation>Remettez au vérificateur chaque signature avec le document qu’elle signe, tous deux tels quels : un fichier dont l’empreinte SHA-256 diffère de celle indiquée ci-dessous n’est pas le fichier signé. Un PDF signé contient sa propre signature.</translation>
  </message>
  <message>
   <source>The certification authority</source>
   <translation>L’autorité de certification</translation>
  </message>
  <message>
   <source>Root certificate</source>
   <translation>Certificat racine</translation>
  </message>
  <message>
   <source>Root SHA-256 fingerprint</source>
   <translation>Empreinte SHA-256 de la racine</translation>
  </message>
  <message>
   <source>Issuing authority's certificate</source>
   <translation>Certificat de l’autorité émettrice</translation>
  </message>
  <message>
   <source>{status} since {date}</source>
   <translation>{status} depuis le {date}</translation>
  </message>
  <message>
   <source>List address</source>
   <translation>Adresse de la liste</translation>
  </message>
  <message>
   <source>What to check</source>
   <translation>Ce qu’il faut vérifier</translation>
  </message>
  <message>
   <source>Signed on</source>
   <translation>Signé le</translation>
  </message>
  <message>
   <source>Signed with</source>
   <translation>Signé avec</translation>
  </message>
  <message>
   <source>Signatures</source>
   <translation>Signatures</translation>
  </message>
  <message>
   <source>The authority that issued the signer's certificate is in the EU trusted lists (eIDAS regulation); its entry:</source>
   <translation>L’autorité qui a délivré le certificat du signataire figure dans les listes de confiance de l’UE (règlement eIDAS) ; son inscription :</translation>
  </message>
  <message>
   <source>EU trusted lists as of {date}</source>
   <translation>listes de confiance de l’UE au {date}</translation>
  </message>
  <message>
   <source>The signer's certificate</source>
   <translation>Le certificat du signataire</translation>
  </message>
  <message>
   <source>{issuer} (its certificate was not available when signing)</source>
   <translation>{issuer} (son certificat n’était pas disponible lors de la signature)</translation>
  </message>
  <message>
   <source>How to verify the signatures, free of charge</source>
   <translation>Comment vérifier les signatures, gratuitement</translation>
  </message>
  <message>
   <source>Any of these ways will do.</source>
   <translation>Chacune de ces méthodes convient.</translation>
  </message>
  <message>
   <source>The authority that issued the signer's certificate is not in the EU trusted lists Paraphe consulted ({lists}): the verifier must trust its certificate, below, explicitly (in DSS: as a trusted certificate).</source>
   <translation>L’autorité qui a délivré le certificat du signataire ne figure pas dans les listes de confiance de l’UE consultées par Paraphe ({lists}) : le vérificateur doit faire explicitement confiance à son certificat, ci-dessous (dans DSS : comme certificat de confiance).</translation>
  </message>
  <message>
   <source>signer {number}</source>
   <translation>signataire {number}</translation>
  </message>
  <message>
   <source>counter-signature {number}</source>
   <translation>contre-signature {number}</translation>
  </message>
  <message>
   <source>acceptable for public procurement</source>
   <translation>recevable pour les marchés publics</translation>
  </message>
  <message>
   <source>not acceptable for public procurement: {reason}</source>
   <translation>non recevable pour les marchés publics : {reason}</translation>
  </message>
  <message>
   <source>{reason}; the signature names {name} as its signer (not verified)</source>
   <translation>{reason} ; la signature désigne {name} comme signataire (non vérifié)</translation>
  </message>
  <message>
   <source>digital signature</source>
   <translation>signature numérique</translation>
  </message>
  <message>
   <source>non-repudiation</source>
   <translation>non-répudiation</translation>
  </message>
  <message>
   <source>key encipherment</source>
   <translation>chiffrement de clé</translation>
  </message>
  <message>
   <source>data encipherment</source>
   <translation>chiffrement de données</translation>
  </message>
  <message>
   <source>key agreement</source>
   <translation>accord de clé</translation>
  </message>
  <message>
   <source>certificate signing</source>
   <translation>signature de certificats</translation>
  </message>
  <message>
   <source>CRL signing</source>
   <translation>signature de LCR</translation>
  </message>
  <message>
   <source>EU qualified certificate</source>
   <translation>certificat qualifié UE</translation>
  </message>
  <message>
   <source>key in a qualified signature device</source>
   <translation>clé dans un dispositif qualifié de création de signature</translation>
  </message>
  <message>
   <source>certificate type</source>
   <translation>type de certificat</translation>
  </message>
  <message>
   <source>PKI disclosure statement</source>
   <translation>déclaration de divulgation de l'ICP</translation>
  </message>
  <message>
   <source>transaction limit</source>
   <translation>limite de transaction</translation>
  </message>
  <message>
   <source>retention period</source>
   <translation>durée de conservation</translation>
  </message>
  <message>
   <source>legislation</source>
   <translation>législation</translation>
  </message>
  <message>
   <source>natural person</source>
   <translation>personne physique</translation>
  </message>
  <message>
   <source>legal person</source>
   <translation>personne morale</translation>
  </message>
  <message>
   <source>not revoked</source>
   <translation>non révoqué</translation>
  </message>
  <message>
   <source>revoked</source>
   <translation>révoqué</translation>
  </message>
  <message>
   <source>not checked</source>
   <translation>non vérifié</translation>
  </message>
  <message>
   <source>certificate revocation list (CRL)</source>
   <translation>liste de certificats révoqués (LCR)</translation>
  </message>
  <message>
   <source>embedded in the signature</source>
   <translation>incluses dans la signature</translation>
  </message>
  <message>
   <source>local cache</source>
   <translation>cache local</translation>
  </message>
  <message>
   <source>the whole file</source>
   <translation>tout le fichier</translation>
  </message>
  <message>
   <source>the whole revision it signed (changes were added after it)</source>
   <translation>toute la révision signée (des modifications ont été ajoutées après)</translation>
  </message>
  <message>
   <source>a block from the start of the file (not the whole revision)</source>
   <translation>un bloc depuis le début du fichier (pas toute la révision)</translation>
  </message>
  <message>
   <source>unclear: parts of the file are not covered</source>
   <translation>incertaine : des parties du fichier ne sont pas couvertes</translation>
  </message>
  <message>
   <source>validation data and timestamps only</source>
   <translation>données de validation et horodatages seulement</translation>
  </message>
  <message>
   <source>form filling and signatures</source>
   <translation>remplissage de formulaire et signatures</translation>
  </message>
  <message>
   <source>comments, form filling and signatures</source>
   <translation>commentaires, remplissage de formulaire et signatures</translation>
  </message>
  <message>
   <source>changes a signature does not allow</source>
   <translation>modifications qu’une signature n’autorise pas</translation>
  </message>
  <message>
   <source>none but validation data and timestamps (DocMDP 1)</source>
   <translation>aucune, sauf données de validation et horodatages (DocMDP 1)</translation>
  </message>
  <message>
   <source>form filling and signatures (DocMDP 2)</source>
   <translation>remplissage de formulaire et signatures (DocMDP 2)</translation>
  </message>
  <message>
   <source>form filling, signatures and comments (DocMDP 3)</source>
   <translation>remplissage de formulaire, signatures et commentaires (DocMDP 3)</translation>
  </message>
  <message>
   <source>Common name</source>
   <translation>Nom commun</translation>
  </message>
  <message>
   <source>Given name</source>
   <translation>Prénom</translation>
  </message>
  <message>
   <source>Surname</source>
   <translation>Nom</translation>
  </message>
  <message>
   <source>Title</source>
   <translation>Titre</translation>
  </message>
  <message>
   <source>Organisational unit</source>
   <translation>Unité d’organisation</translation>
  </message>
  <message>
   <source>Locality</source>
   <translation>Localité</translation>
  </message>
  <message>
   <source>Region</source>
   <translation>Région</translation>
  </message>
  <message>
   <source>Street</source>
   <translation>Rue</translation>
  </message>
  <message>
   <source>Pseudonym</source>
   <translation>Pseudonyme</translation>
  </message>
  <message>
   <source>DN qualifier</source>
   <translation>Qualificatif de nom distinctif</translation>
  </message>
  <message>
   <source>Domain component</source>
   <translation>Composant de domaine</translation>
  </message>
  <message>
   <source>User ID</source>
   <translation>Identifiant utilisateur</translation>
  </message>
  <message>
   <source>signature timestamp</source>
   <translation>horodatage de signature</translation>
  </message>
  <message>
   <source>archive timestamp</source>
   <translation>horodatage d'archive</translation>
  </message>
  <message>
   <source>document timestamp</source>
   <translation>horodatage de document</translation>
  </message>
  <message>
   <source>The timestamp was made for other data, not for this signature: it proves nothing about it.</source>
   <translation>L'horodatage a été fait pour d'autres données, pas pour cette signature : il ne prouve rien à son sujet.</translation>
  </message>
  <message>
   <source>The timestamp's own signature does not verify: it was altered or forged.</source>
   <translation>La signature de l'horodatage lui-même n'est pas valide : il a été modifié ou falsifié.</translation>
  </message>
  <message>
   <source>The timestamp is malformed and cannot be checked.</source>
   <translation>L'horodatage est mal formé et ne peut pas être vérifié.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate is missing from the timestamp.</source>
   <translation>Le certificat de l'autorité d'horodatage est absent de l'horodatage.</translation>
  </message>
  <message>
   <source>The timestamping authority does not lead to a trusted authority; if you trust it, add its root certificate to the trusted certificates.</source>
   <translation>L'autorité d'horodatage ne remonte pas à une autorité de confiance ; si vous lui faites confiance, ajoutez son certificat racine aux certificats de confiance.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate chain could not be validated.</source>
   <translation>La chaîne de certificats de l'autorité d'horodatage n'a pas pu être validée.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate breaks a constraint: it may not be meant for timestamping.</source>
   <translation>Le certificat de l'autorité d'horodatage enfreint une contrainte : il n'est peut-être pas destiné à l'horodatage.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate has been revoked.</source>
   <translation>Le certificat de l'autorité d'horodatage a été révoqué.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate was not valid when the timestamp was made.</source>
   <translation>Le certificat de l'autorité d'horodatage n'était pas valide au moment de l'horodatage.</translation>
  </message>
  <message>
   <source>The timestamping authority's certificate has expired and nothing proves the timestamp was made before (an archive timestamp would).</source>
   <translation>Le certificat de l'autorité d'horodatage a expiré et rien ne prouve que l'horodatage a été fait avant (un horodatage d'archive le prouverait).</translation>
  </message>
  <message>
   <source>The timestamp uses an algorithm or key size that Paraphe does not accept.</source>
   <translation>L'horodatage utilise un algorithme ou une taille de clé que Paraphe n'accepte pas.</translation>
  </message>
  <message>
   <source>The revocation status of the timestamping authority's certificate could not be obtained (offline, or the responder did not answer); verify again later with network access.</source>
   <translation>Le statut de révocation du certificat de l'autorité d'horodatage n'a pas pu être obtenu (hors ligne, ou le serveur n'a pas répondu) ; vérifiez à nouveau plus tard avec un accès au réseau.</translation>
  </message>
  <message>
   <source>{path}: signing a ZIP archive signs the archive as one file, not the files inside it; buyers usually expect each document signed.</source>
   <translation>{path} : signer une archive ZIP signe l'archive comme un seul fichier, pas les fichiers qu'elle contient ; les acheteurs attendent en général chaque document signé.</translation>
  </message>
  <message>
   <source>permission denied</source>
   <translation>permission refusée</translation>
  </message>
  <message>
   <source>not a signature Paraphe can extend (a XAdES .xml token, a CAdES .p7s/.p7m or a signed PDF)</source>
   <translation>pas une signature que Paraphe peut étendre (un jeton XAdES .xml, un CAdES .p7s/.p7m ou un PDF signé)</translation>
  </message>
  <message>
   <source>no signature to extend</source>
   <translation>aucune signature à étendre</translation>
  </message>
  <message>
   <source>only a B-LTA signature can be renewed (--level B-LTA)</source>
   <translation>seule une signature B-LTA peut être renouvelée (--level B-LTA)</translation>
  </message>
  <message>
   <source>the file changed while it was being extended</source>
   <translation>le fichier a changé pendant son extension</translation>
  </message>
  <message>
   <source>the signer's certificate is not in the token</source>
   <translation>le certificat du signataire n’est pas dans le jeton</translation>
  </message>
  <message>
   <source>the token holds several signatures</source>
   <translation>le jeton contient plusieurs signatures</translation>
  </message>
  <message>
   <source>a plain XML signature, without XAdES properties: it has no level to raise</source>
   <translation>une signature XML simple, sans propriétés XAdES : elle n’a pas de niveau à élever</translation>
  </message>
  <message>
   <source>its document is not beside it; B-LTA covers the document: put the signed file in the same folder</source>
   <translation>son document n’est pas à côté ; B-LTA couvre le document : placez le fichier signé dans le même dossier</translation>
  </message>
  <message>
   <source>B-LTA of an enveloping .p7m is not supported yet (a .p7s can)</source>
   <translation>le B-LTA d’un .p7m enveloppant n’est pas encore pris en charge (un .p7s peut l’être)</translation>
  </message>
  <message>
   <source>the PDF is encrypted</source>
   <translation>le PDF est chiffré</translation>
  </message>
  <message>
   <source>the PDF has no signature to extend</source>
   <translation>le PDF n’a aucune signature à étendre</translation>
  </message>
  <message>
   <source>not a PDF; PAdES signs PDF files only. Use XAdES or CAdES for this file.</source>
   <translation>pas un PDF ; PAdES ne signe que des fichiers PDF. Utilisez XAdES ou CAdES pour ce fichier.</translation>
  </message>
  <message>
   <source>not one document timestamp after the signature</source>
   <translation>pas exactement un horodatage de document après la signature</translation>
  </message>
  <message>
   <source>the document timestamp does not verify</source>
   <translation>l’horodatage de document ne se vérifie pas</translation>
  </message>
  <message>
   <source>the PDF is password-protected; remove the protection first</source>
   <translation>le PDF est protégé par un mot de passe ; retirez d’abord la protection</translation>
  </message>
  <message>
   <source>no signature found in the output</source>
   <translation>aucune signature trouvée dans le fichier produit</translation>
  </message>
  <message>
   <source>no document security store after the signature</source>
   <translation>aucun magasin de sécurité (DSS) après la signature</translation>
  </message>
  <message>
   <source>the new signature does not cover the whole file</source>
   <translation>la nouvelle signature ne couvre pas tout le fichier</translation>
  </message>
  <message>
   <source>more than the security store was added</source>
   <translation>plus que le magasin de sécurité a été ajouté</translation>
  </message>
  <message>
   <source>PAdES signs PDF files: add one or more PDF files to choose it.</source>
   <translation>PAdES signe des fichiers PDF : ajoutez un ou plusieurs fichiers PDF pour le choisir.</translation>
  </message>
  <message>
   <source>PAdES signs PDF files only: this file is not a PDF.</source>
   <translation>PAdES ne signe que des fichiers PDF : ce fichier n'est pas un PDF.</translation>
  </message>
  <message>
   <source>PAdES signs PDF files only: 1 of the {total} files is not a PDF.</source>
   <translation>PAdES ne signe que des fichiers PDF : 1 des {total} fichiers n'est pas un PDF.</translation>
  </message>
  <message>
   <source>PAdES signs PDF files only: {count} of the {total} files are not PDFs.</source>
   <translation>PAdES ne signe que des fichiers PDF : {count} des {total} fichiers ne sont pas des PDF.</translation>
  </message>
  <message>
   <source>no file to sign</source>
   <translation>aucun fichier à signer</translation>
  </message>
  <message>
   <source>a visible signature is only possible in PAdES (PDF)</source>
   <translation>une signature visible n’est possible qu’en PAdES (PDF)</translation>
  </message>
  <message>
   <source>the PAdES output suffix must be a plain name part</source>
   <translation>le suffixe de sortie PAdES doit être une simple partie de nom</translation>
  </message>
  <message>
   <source>Signed electronically by</source>
   <translation>Signé électroniquement par</translation>
  </message>
  <message>
   <source>on {moment}</source>
   <translation>le {moment}</translation>
  </message>
  <message>
   <source>{year}-{month}-{day} {hour}:{minute} {offset}</source>
   <translation>{day}/{month}/{year} {hour}:{minute} {offset}</translation>
  </message>
  <message>
   <source>a timestamp server user name cannot contain ':'</source>
   <translation>un nom d’utilisateur de serveur d’horodatage ne peut pas contenir « : »</translation>
  </message>
  <message>
   <source>levels B-T and above need a timestamp server (--tsa URL)</source>
   <translation>les niveaux B-T et au-delà demandent un serveur d’horodatage (--tsa URL)</translation>
  </message>
  <message>
   <source>a timestamp server address must not hold a user name or password; give them with --tsa-user and $PARAPHE_TSA_PASSWORD</source>
   <translation>l’adresse d’un serveur d’horodatage ne doit contenir ni nom d’utilisateur ni mot de passe ; donnez-les avec --tsa-user et $PARAPHE_TSA_PASSWORD</translation>
  </message>
  <message>
   <source>file {path} ({count})</source>
   <translation>fichier {path} ({count})</translation>
  </message>
  <message>
   <source>administrator's anchors {path} ({count})</source>
   <translation>ancres de l’administrateur {path} ({count})</translation>
  </message>
  <message>
   <source>user trust store ({count})</source>
   <translation>magasin de confiance de l'utilisateur ({count})</translation>
  </message>
  <message>
   <source>system roots ({count})</source>
   <translation>racines du système ({count})</translation>
  </message>
  <message>
   <source>no certificate in this file</source>
   <translation>aucun certificat dans ce fichier</translation>
  </message>
  <message>
   <source>give at least 8 hex digits of the fingerprint</source>
   <translation>donnez au moins 8 chiffres hexadécimaux de l’empreinte</translation>
  </message>
  <message>
   <source>EU trusted lists as of {date} (snapshot shipped with Paraphe, {count} lists)</source>
   <translation>listes de confiance de l’UE au {date} (instantané fourni avec Paraphe, {count} listes)</translation>
  </message>
  <message>
   <source>EU trusted lists as of {date} ({count} lists)</source>
   <translation>listes de confiance de l’UE au {date} ({count} listes)</translation>
  </message>
  <message>
   <source>{territory} list stale since {date}</source>
   <translation>liste {territory} périmée depuis le {date}</translation>
  </message>
  <message>
   <source>EU trusted lists: none available (run “paraphe trust update”)</source>
   <translation>listes de confiance de l’UE : aucune disponible (lancez « paraphe trust update »)</translation>
  </message>
  <message>
   <source>granted</source>
   <translation>accordé</translation>
  </message>
  <message>
   <source>withdrawn</source>
   <translation>retiré</translation>
  </message>
  <message>
   <source>recognisedatnationallevel</source>
   <translation>reconnu au niveau national</translation>
  </message>
  <message>
   <source>deprecatedatnationallevel</source>
   <translation>déprécié au niveau national</translation>
  </message>
  <message>
   <source>undersupervision</source>
   <translation>sous supervision</translation>
  </message>
  <message>
   <source>supervisionincessation</source>
   <translation>supervision en cours de cessation</translation>
  </message>
  <message>
   <source>supervisionceased</source>
   <translation>supervision cessée</translation>
  </message>
  <message>
   <source>supervisionrevoked</source>
   <translation>supervision révoquée</translation>
  </message>
  <message>
   <source>accredited</source>
   <translation>accrédité</translation>
  </message>
  <message>
   <source>accreditationceased</source>
   <translation>accréditation cessée</translation>
  </message>
  <message>
   <source>accreditationrevoked</source>
   <translation>accréditation révoquée</translation>
  </message>
  <message>
   <source>the EU trusted lists were not used for this verification</source>
   <translation>les listes de confiance de l’UE n’ont pas été utilisées pour cette vérification</translation>
  </message>
  <message>
   <source>the signature did not pass validation, so it has no qualification</source>
   <translation>la signature n’est pas valide : elle n’a donc pas de qualification</translation>
  </message>
  <message>
   <source>the signer's certificate is not known</source>
   <translation>le certificat du signataire n’est pas connu</translation>
  </message>
  <message>
   <source>the certificate's issuer is not a qualified service of any EU trusted list</source>
   <translation>l’émetteur du certificat n’est un service qualifié d’aucune liste de confiance de l’UE</translation>
  </message>
  <message>
   <source>the issuer's service ({service}) was not yet in its trusted list on {date}</source>
   <translation>le service de l’émetteur ({service}) n’était pas encore dans sa liste de confiance le {date}</translation>
  </message>
  <message>
   <source>the issuer's service ({service}) had the status “{status}” on {date}, since {since}: its certificates were no longer qualified</source>
   <translation>le service de l’émetteur ({service}) avait le statut « {status} » le {date}, depuis le {since} : ses certificats n’étaient plus qualifiés</translation>
  </message>
  <message>
   <source>the issuer's service ({service}) is listed for other kinds of certificates only ({types})</source>
   <translation>le service de l’émetteur ({service}) n’est inscrit que pour d’autres types de certificats ({types})</translation>
  </message>
  <message>
   <source>the certificate is a qualified website certificate, not one for signatures or seals</source>
   <translation>le certificat est un certificat qualifié d’authentification de site web, pas de signature ni de cachet</translation>
  </message>
  <message>
   <source>the certificate declares several uses (e-signature and e-seal) and its trusted list does not say which</source>
   <translation>le certificat déclare plusieurs usages (signature et cachet) et sa liste de confiance ne dit pas lequel</translation>
  </message>
  <message>
   <source>the trusted lists give contradictory answers for this certificate</source>
   <translation>les listes de confiance se contredisent pour ce certificat</translation>
  </message>
  <message>
   <source>qualified electronic signature: a qualified certificate for e-signatures, its key on a qualified signature creation device (QSCD)</source>
   <translation>signature électronique qualifiée : certificat qualifié de signature, clé sur un dispositif qualifié de création de signature (QSCD)</translation>
  </message>
  <message>
   <source>advanced electronic signature based on a qualified certificate for e-signatures (no qualified signature creation device declared)</source>
   <translation>signature électronique avancée reposant sur un certificat qualifié de signature (aucun dispositif qualifié de création de signature déclaré)</translation>
  </message>
  <message>
   <source>qualified electronic seal: an organisation's seal, not a person's signature</source>
   <translation>cachet électronique qualifié : le cachet d’une organisation, pas la signature d’une personne</translation>
  </message>
  <message>
   <source>advanced electronic seal based on a qualified certificate: an organisation's seal, not a person's signature</source>
   <translation>cachet électronique avancé reposant sur un certificat qualifié : le cachet d’une organisation, pas la signature d’une personne</translation>
  </message>
  <message>
   <source>advanced electronic signature; its certificate is not qualified ({why}), which public procurement requires</source>
   <translation>signature électronique avancée ; son certificat n’est pas qualifié ({why}), ce qu’exigent les marchés publics</translation>
  </message>
  <message>
   <source>advanced electronic seal; its certificate is not qualified ({why}) and a seal is not a person's signature</source>
   <translation>cachet électronique avancé ; son certificat n’est pas qualifié ({why}) et un cachet n’est pas la signature d’une personne</translation>
  </message>
  <message>
   <source>it does not declare itself qualified and its trusted list does not either</source>
   <translation>il ne se déclare pas qualifié et sa liste de confiance non plus</translation>
  </message>
  <message>
   <source>its trusted list says so</source>
   <translation>sa liste de confiance le dit</translation>
  </message>
  <message>
   <source>EU trusted lists: {location}: {detail}</source>
   <translation>Listes de confiance de l’UE : {location} : {detail}</translation>
  </message>
  <message>
   <source>EU trusted lists: the LOTL cannot be read ({location}): {detail}</source>
   <translation>Listes de confiance de l’UE : la LOTL ne peut pas être lue ({location}) : {detail}</translation>
  </message>
  <message>
   <source>EU trusted lists: the LOTL is refused ({location}): {detail}</source>
   <translation>Listes de confiance de l’UE : la LOTL est refusée ({location}) : {detail}</translation>
  </message>
  <message>
   <source>no revocation information could be obtained</source>
   <translation>aucune information de révocation n’a pu être obtenue</translation>
  </message>
  <message>
   <source>certificate chain</source>
   <translation>chaîne de certificats</translation>
  </message>
  <message>
   <source>revocation</source>
   <translation>révocation</translation>
  </message>
  <message>
   <source>document digest</source>
   <translation>empreinte du document</translation>
  </message>
  <message>
   <source>signature value</source>
   <translation>valeur de la signature</translation>
  </message>
  <message>
   <source>certificate chain to a trusted authority</source>
   <translation>chaîne de certificats vers une autorité de confiance</translation>
  </message>
  <message>
   <source>the signature</source>
   <translation>la signature</translation>
  </message>
  <message>
   <source>{count} certificate</source>
   <translation>{count} certificat</translation>
  </message>
  <message>
   <source>{count} certificates</source>
   <translation>{count} certificats</translation>
  </message>
  <message>
   <source>{count} revocation entry</source>
   <translation>{count} donnée de révocation</translation>
  </message>
  <message>
   <source>{count} revocation entries</source>
   <translation>{count} données de révocation</translation>
  </message>
  <message>
   <source>{count} unsigned attribute</source>
   <translation>{count} attribut non signé</translation>
  </message>
  <message>
   <source>{count} unsigned attributes</source>
   <translation>{count} attributs non signés</translation>
  </message>
  <message>
   <source>covered data was removed or changed since: {what}</source>
   <translation>des données couvertes ont été retirées ou modifiées depuis : {what}</translation>
  </message>
  <message>
   <source>unreadable token ({error})</source>
   <translation>jeton illisible ({error})</translation>
  </message>
  <message>
   <source>signed attributes</source>
   <translation>attributs signés</translation>
  </message>
  <message>
   <source>signature algorithm</source>
   <translation>algorithme de signature</translation>
  </message>
  <message>
   <source>the counter-signature could not be processed ({error})</source>
   <translation>la contre-signature n’a pas pu être traitée ({error})</translation>
  </message>
  <message>
   <source>a counter-signature without signed attributes</source>
   <translation>une contre-signature sans attributs signés</translation>
  </message>
  <message>
   <source>signing certificate</source>
   <translation>certificat de signature</translation>
  </message>
  <message>
   <source>the digest does not match</source>
   <translation>l’empreinte ne correspond pas</translation>
  </message>
  <message>
   <source>counter-signature</source>
   <translation>contre-signature</translation>
  </message>
  <message>
   <source>not a CMS SignedData</source>
   <translation>pas un SignedData CMS</translation>
  </message>
  <message>
   <source>a SignedData without a signer</source>
   <translation>un SignedData sans signataire</translation>
  </message>
  <message>
   <source>the file is too large for a signature</source>
   <translation>le fichier est trop volumineux pour une signature</translation>
  </message>
  <message>
   <source>more than {count} ASN.1 elements: too many to check</source>
   <translation>plus de {count} éléments ASN.1 : trop pour être vérifiés</translation>
  </message>
  <message>
   <source>not a readable CMS signature ({error})</source>
   <translation>pas une signature CMS lisible ({error})</translation>
  </message>
  <message>
   <source>no signing-certificate attribute among the signed attributes: a CMS signature, checked as such, but not a CAdES one (EN 319 122-1)</source>
   <translation>aucun attribut signing-certificate parmi les attributs signés : une signature CMS, vérifiée comme telle, mais pas une signature CAdES (EN 319 122-1)</translation>
  </message>
  <message>
   <source>signature structure</source>
   <translation>structure de la signature</translation>
  </message>
  <message>
   <source>validation</source>
   <translation>validation</translation>
  </message>
  <message>
   <source>signing time</source>
   <translation>heure de signature</translation>
  </message>
  <message>
   <source>{what} not checked: more {kind} than any signature holds</source>
   <translation>{what} non vérifiés : plus de {kind} qu’aucune signature n’en contient</translation>
  </message>
  <message>
   <source>CAdES attributes</source>
   <translation>attributs CAdES</translation>
  </message>
  <message>
   <source>the digest algorithm {algorithm} is not supported</source>
   <translation>l’algorithme d’empreinte {algorithm} n’est pas pris en charge</translation>
  </message>
  <message>
   <source>the signature algorithm {algorithm} is not supported</source>
   <translation>l’algorithme de signature {algorithm} n’est pas pris en charge</translation>
  </message>
  <message>
   <source>{count} more signers</source>
   <translation>{count} signataires de plus</translation>
  </message>
  <message>
   <source>signers</source>
   <translation>signataires</translation>
  </message>
  <message>
   <source>the validation could not process the signature ({error})</source>
   <translation>la validation n’a pas pu traiter la signature ({error})</translation>
  </message>
  <message>
   <source>signer details</source>
   <translation>informations sur le signataire</translation>
  </message>
  <message>
   <source>the signature algorithm {algorithm} over a {digest} digest is not supported</source>
   <translation>l’algorithme de signature {algorithm} sur une empreinte {digest} n’est pas pris en charge</translation>
  </message>
  <message>
   <source>these RSA-PSS parameters are not supported ({error})</source>
   <translation>ces paramètres RSA-PSS ne sont pas pris en charge ({error})</translation>
  </message>
  <message>
   <source>{count} signing times claimed: none is shown</source>
   <translation>{count} heures de signature déclarées : aucune n’est affichée</translation>
  </message>
  <message>
   <source>unreadable ({error})</source>
   <translation>illisible ({error})</translation>
  </message>
  <message>
   <source>a counter-signature could not be read ({error})</source>
   <translation>une contre-signature n’a pas pu être lue ({error})</translation>
  </message>
  <message>
   <source>{count} counter-signatures of {signature}</source>
   <translation>{count} contre-signatures de {signature}</translation>
  </message>
  <message>
   <source>counter-signatures</source>
   <translation>contre-signatures</translation>
  </message>
  <message>
   <source>{entry} holds the content it signs: an ASiC signature must be detached over the container's files or its manifest</source>
   <translation>{entry} contient le contenu qu’elle signe : une signature ASiC doit être détachée, sur les fichiers du conteneur ou sur son manifeste</translation>
  </message>
  <message>
   <source>no ASiCManifest names {entry}: it was checked as a signature over one data object (the ASiC-S form)</source>
   <translation>aucun ASiCManifest ne nomme {entry} : elle a été vérifiée comme une signature d’un seul objet de données (la forme ASiC-S)</translation>
  </message>
  <message>
   <source>{count} data object(s)</source>
   <translation>{count} objet(s) de données</translation>
  </message>
  <message>
   <source>{file}: transforms in a manifest are not supported</source>
   <translation>{file} : les transformations dans un manifeste ne sont pas prises en charge</translation>
  </message>
  <message>
   <source>{file}: the digest algorithm {algorithm} is not accepted</source>
   <translation>{file} : l’algorithme d’empreinte {algorithm} n’est pas accepté</translation>
  </message>
  <message>
   <source>{file} cannot be read</source>
   <translation>{file} ne peut pas être lu</translation>
  </message>
  <message>
   <source>{file} was modified after it was signed</source>
   <translation>{file} a été modifié après sa signature</translation>
  </message>
  <message>
   <source>{file} is signed but is not in the container (removed after signing?)</source>
   <translation>{file} est signé mais n’est pas dans le conteneur (retiré après la signature ?)</translation>
  </message>
  <message>
   <source>{file} is signed but could not be unpacked ({why})</source>
   <translation>{file} est signé mais n’a pas pu être extrait ({why})</translation>
  </message>
  <message>
   <source>container</source>
   <translation>conteneur</translation>
  </message>
  <message>
   <source>container mimetype</source>
   <translation>type MIME du conteneur</translation>
  </message>
  <message>
   <source>container type</source>
   <translation>type de conteneur</translation>
  </message>
  <message>
   <source>container files signed</source>
   <translation>fichiers du conteneur signés</translation>
  </message>
  <message>
   <source>container entries</source>
   <translation>entrées du conteneur</translation>
  </message>
  <message>
   <source>signature file</source>
   <translation>fichier de signature</translation>
  </message>
  <message>
   <source>signed files present</source>
   <translation>fichiers signés présents</translation>
  </message>
  <message>
   <source>manifest digests</source>
   <translation>empreintes du manifeste</translation>
  </message>
  <message>
   <source>the entry {name} appears more than once: which one was signed cannot be told</source>
   <translation>l’entrée {name} apparaît plusieurs fois : impossible de savoir laquelle a été signée</translation>
  </message>
  <message>
   <source>mimetype</source>
   <translation>le fichier mimetype</translation>
  </message>
  <message>
   <source>ZIP comment</source>
   <translation>le commentaire ZIP</translation>
  </message>
  <message>
   <source>file name</source>
   <translation>le nom du fichier</translation>
  </message>
  <message>
   <source>content</source>
   <translation>le contenu</translation>
  </message>
  <message>
   <source>the {source} says {other}, the {kind_source} {kind}</source>
   <translation>{source} indique {other}, {kind_source} {kind}</translation>
  </message>
  <message>
   <source>it is not the first entry of the ZIP</source>
   <translation>ce n’est pas la première entrée du ZIP</translation>
  </message>
  <message>
   <source>it is compressed</source>
   <translation>il est compressé</translation>
  </message>
  <message>
   <source>its header has an extra field</source>
   <translation>son en-tête a un champ supplémentaire</translation>
  </message>
  <message>
   <source>it is too long for a media type</source>
   <translation>il est trop long pour un type de média</translation>
  </message>
  <message>
   <source>it cannot be read ({error})</source>
   <translation>il ne peut pas être lu ({error})</translation>
  </message>
  <message>
   <source>it holds {value}, not an ASiC media type</source>
   <translation>il contient {value}, qui n’est pas un type de média ASiC</translation>
  </message>
  <message>
   <source>damaged ZIP ({error})</source>
   <translation>ZIP endommagé ({error})</translation>
  </message>
  <message>
   <source>every file is covered by a signature</source>
   <translation>chaque fichier est couvert par une signature</translation>
  </message>
  <message>
   <source>absent, which EN 319 162-1 allows (A.1); {kind} told by the {source}</source>
   <translation>absent, ce que permet l’EN 319 162-1 (A.1) ; {kind} d’après {source}</translation>
  </message>
  <message>
   <source>{problems} (EN 319 162-1 A.1); no signature covers the mimetype: the verdicts stand on what is signed</source>
   <translation>{problems} (EN 319 162-1 A.1) ; aucune signature ne couvre le fichier mimetype : les verdicts portent sur ce qui est signé</translation>
  </message>
  <message>
   <source>not signed by any signature of the container: {files}</source>
   <translation>couvert par aucune signature du conteneur : {files}</translation>
  </message>
  <message>
   <source>a signature of {entry} signs no file of the container</source>
   <translation>une signature de {entry} ne signe aucun fichier du conteneur</translation>
  </message>
  <message>
   <source>cryptographic algorithms</source>
   <translation>algorithmes cryptographiques</translation>
  </message>
  <message>
   <source>the certificate of {name}</source>
   <translation>le certificat de {name}</translation>
  </message>
  <message>
   <source>the key of {what}</source>
   <translation>la clé de {what}</translation>
  </message>
  <message>
   <source>a certificate</source>
   <translation>un certificat</translation>
  </message>
  <message>
   <source>{algorithm} ({role}) is no longer accepted from {date} ({source}); the signature is proven to exist only since {made}</source>
   <translation>{algorithm} ({role}) n’est plus accepté depuis le {date} ({source}) ; l’existence de la signature n’est prouvée que depuis le {made}</translation>
  </message>
  <message>
   <source>{algorithm} ({role}) is no longer accepted from {date} ({source}); nothing proves it was made before that date</source>
   <translation>{algorithm} ({role}) n’est plus accepté depuis le {date} ({source}) ; rien ne prouve que la signature a été faite avant cette date</translation>
  </message>
  <message>
   <source>the issuer's key of {what}</source>
   <translation>la clé de l’émetteur de {what}</translation>
  </message>
  <message>
   <source>{algorithm} ({role}) is too weak: no policy accepts it ({source})</source>
   <translation>{algorithm} ({role}) est trop faible : aucune politique ne l’accepte ({source})</translation>
  </message>
  <message>
   <source>{algorithm} is no longer accepted from {date} ({source}); the signature is proven to exist on {made}, before that date</source>
   <translation>{algorithm} n’est plus accepté depuis le {date} ({source}) ; l’existence de la signature est prouvée le {made}, avant cette date</translation>
  </message>
  <message>
   <source>the digest of {what}</source>
   <translation>l’empreinte de {what}</translation>
  </message>
  <message>
   <source>the hash of {what}</source>
   <translation>le hachage de {what}</translation>
  </message>
  <message>
   <source>{algorithm} was forecast to be accepted until {date} ({source}), a date not confirmed since {year}: accepted, to be reviewed</source>
   <translation>{algorithm} devait rester accepté jusqu’au {date} ({source}), une date non confirmée depuis {year} : accepté, à réexaminer</translation>
  </message>
  <message>
   <source>the archive has more than 10,000 entries; it was not unpacked</source>
   <translation>l'archive contient plus de 10 000 éléments ; elle n'a pas été décompressée</translation>
  </message>
  <message>
   <source>the archive's table of contents is larger than 8 MiB; it was not unpacked</source>
   <translation>la table des matières de l'archive dépasse 8 Mio ; elle n'a pas été décompressée</translation>
  </message>
  <message>
   <source>the archive would unpack to more than 16 GiB; it was not unpacked</source>
   <translation>l'archive occuperait plus de 16 Gio une fois décompressée ; elle n'a pas été décompressée</translation>
  </message>
  <message>
   <source>the archive would unpack to more than 256 MiB and more than 50 times its size (a ZIP bomb?); it was not unpacked</source>
   <translation>l'archive occuperait plus de 256 Mio et plus de 50 fois sa taille une fois décompressée (une bombe ZIP ?) ; elle n'a pas été décompressée</translation>
  </message>
  <message>
   <source>the archive would not fit in the free space of the temporary folder; it was not unpacked</source>
   <translation>l'archive ne tiendrait pas dans l'espace libre du dossier temporaire ; elle n'a pas été décompressée</translation>
  </message>
  <message>
   <source>damaged archive ({detail})</source>
   <translation>archive endommagée ({detail})</translation>
  </message>
  <message>
   <source>cannot unpack it ({detail})</source>
   <translation>impossible de la décompresser ({detail})</translation>
  </message>
  <message>
   <source>{name}: unsafe name, skipped</source>
   <translation>{name} : nom dangereux, ignoré</translation>
  </message>
  <message>
   <source>{name}: encrypted, skipped</source>
   <translation>{name} : chiffré, ignoré</translation>
  </message>
  <message>
   <source>{name}: link, skipped</source>
   <translation>{name} : lien, ignoré</translation>
  </message>
  <message>
   <source>{name}: suspicious compression ratio, skipped</source>
   <translation>{name} : taux de compression suspect, ignoré</translation>
  </message>
  <message>
   <source>{name}: larger than announced, skipped</source>
   <translation>{name} : plus grand qu'annoncé, ignoré</translation>
  </message>
  <message>
   <source>{name}: damaged ({detail}), skipped</source>
   <translation>{name} : endommagé ({detail}), ignoré</translation>
  </message>
  <message>
   <source>not a CMS, XML or PDF signature that can be read</source>
   <translation>pas une signature CMS, XML ou PDF lisible</translation>
  </message>
  <message>
   <source>an OpenPGP signature, which is not an AdES signature and is not checked</source>
   <translation>une signature OpenPGP, qui n’est pas une signature AdES et n’est pas vérifiée</translation>
  </message>
  <message>
   <source>could not be processed ({error})</source>
   <translation>n’a pas pu être traité ({error})</translation>
  </message>
  <message>
   <source>validation data, form filling, signatures and comments</source>
   <translation>données de validation, remplissage de formulaire, signatures et commentaires</translation>
  </message>
  <message>
   <source>certified: validation data and document timestamps only</source>
   <translation>certifié : données de validation et horodatages de document seulement</translation>
  </message>
  <message>
   <source>certified: also form filling and signatures</source>
   <translation>certifié : aussi remplissage de formulaire et signatures</translation>
  </message>
  <message>
   <source>certified: also form filling, signatures and comments</source>
   <translation>certifié : aussi remplissage de formulaire, signatures et commentaires</translation>
  </message>
  <message>
   <source>drawing the pages needed more memory than allowed</source>
   <translation>le rendu des pages demandait plus de mémoire que permis</translation>
  </message>
  <message>
   <source>the pages took more than {seconds} s to draw and compare</source>
   <translation>le rendu et la comparaison des pages ont pris plus de {seconds} s</translation>
  </message>
  <message>
   <source>the pages could not be drawn ({error})</source>
   <translation>les pages n’ont pas pu être rendues ({error})</translation>
  </message>
  <message>
   <source>validation data added (DSS)</source>
   <translation>données de validation ajoutées (DSS)</translation>
  </message>
  <message>
   <source>revision {revision}: {what}</source>
   <translation>révision {revision} : {what}</translation>
  </message>
  <message>
   <source>and {count} more revisions</source>
   <translation>et {count} révisions de plus</translation>
  </message>
  <message>
   <source>form fields filled in: {fields}</source>
   <translation>champs de formulaire remplis : {fields}</translation>
  </message>
  <message>
   <source>not a change a signature allows: {reason}</source>
   <translation>pas une modification qu’une signature autorise : {reason}</translation>
  </message>
  <message>
   <source>signature {name}</source>
   <translation>signature {name}</translation>
  </message>
  <message>
   <source>page count changed from {before} to {after}</source>
   <translation>nombre de pages passé de {before} à {after}</translation>
  </message>
  <message>
   <source>{count} objects written</source>
   <translation>{count} objets écrits</translation>
  </message>
  <message>
   <source>content of page {page} changed</source>
   <translation>contenu de la page {page} modifié</translation>
  </message>
  <message>
   <source>comment ({kind}) on page {page}</source>
   <translation>commentaire ({kind}) sur la page {page}</translation>
  </message>
  <message>
   <source>could not be read ({error})</source>
   <translation>illisible ({error})</translation>
  </message>
  <message>
   <source>form field {name} written</source>
   <translation>champ de formulaire {name} écrit</translation>
  </message>
  <message>
   <source>its sub-filter {subfilter} is not supported</source>
   <translation>son sous-filtre {subfilter} n’est pas pris en charge</translation>
  </message>
  <message>
   <source>it could not be read ({error})</source>
   <translation>elle n’a pas pu être lue ({error})</translation>
  </message>
  <message>
   <source>document digest (adbe.pkcs7.sha1, SHA-1)</source>
   <translation>empreinte du document (adbe.pkcs7.sha1, SHA-1)</translation>
  </message>
  <message>
   <source>pages shown are the pages signed</source>
   <translation>les pages affichées sont les pages signées</translation>
  </message>
  <message>
   <source>PDF structure</source>
   <translation>structure du PDF</translation>
  </message>
  <message>
   <source>signature {field}: could not be processed ({error})</source>
   <translation>signature {field} : n’a pas pu être traitée ({error})</translation>
  </message>
  <message>
   <source>byte range covers the signed revision</source>
   <translation>la plage d’octets couvre la révision signée</translation>
  </message>
  <message>
   <source>changes after signing are allowed</source>
   <translation>les modifications après signature sont autorisées</translation>
  </message>
  <message>
   <source>page {page}: {covered} pixels of signed content covered or changed, {added} pixels added outside a later signature or field</source>
   <translation>page {page} : {covered} pixels du contenu signé recouverts ou modifiés, {added} pixels ajoutés hors d’une signature ou d’un champ ultérieurs</translation>
  </message>
  <message>
   <source>page {page}: its size or orientation changed</source>
   <translation>page {page} : sa taille ou son orientation a changé</translation>
  </message>
  <message>
   <source>signature {field}: {problem}</source>
   <translation>signature {field} : {problem}</translation>
  </message>
  <message>
   <source>signature {field}: its signed bytes have {problem}</source>
   <translation>signature {field} : ses octets signés ont {problem}</translation>
  </message>
  <message>
   <source>the pages could not be compared: {why}</source>
   <translation>les pages n’ont pas pu être comparées : {why}</translation>
  </message>
  <message>
   <source>unreadable PDF ({error})</source>
   <translation>PDF illisible ({error})</translation>
  </message>
  <message>
   <source>unreadable PDF: {problem}</source>
   <translation>PDF illisible : {problem}</translation>
  </message>
  <message>
   <source>this signature file is damaged or is not a signature ({what})</source>
   <translation>ce fichier de signature est endommagé ou n’est pas une signature ({what})</translation>
  </message>
  <message>
   <source>validated as of its own time, with the revocation data at hand</source>
   <translation>validé à sa propre date, avec les données de révocation disponibles</translation>
  </message>
  <message>
   <source>its TSA's certificate has expired since; a later archive timestamp proves it was made while that certificate was valid</source>
   <translation>le certificat de son autorité d'horodatage a expiré depuis ; un horodatage d'archive postérieur prouve qu'il a été produit quand ce certificat était valide</translation>
  </message>
  <message>
   <source>the token is not for this signature (message imprint differs)</source>
   <translation>le jeton n'est pas celui de cette signature (l'empreinte diffère)</translation>
  </message>
  <message>
   <source>the token's signature does not verify</source>
   <translation>la signature du jeton n'est pas valide</translation>
  </message>
  <message>
   <source>order of the timestamps</source>
   <translation>ordre des horodatages</translation>
  </message>
  <message>
   <source>it does not cover its whole revision</source>
   <translation>il ne couvre pas toute sa révision</translation>
  </message>
  <message>
   <source>no such file or folder</source>
   <translation>fichier ou dossier introuvable</translation>
  </message>
  <message>
   <source>the signed document was not found beside the signature</source>
   <translation>le document signé n'a pas été trouvé à côté de la signature</translation>
  </message>
  <message>
   <source>the signed data</source>
   <translation>les données signées</translation>
  </message>
  <message>
   <source>{count} encapsulated tokens; one RFC 3161 token is expected (XML timestamps are not supported)</source>
   <translation>{count} jetons encapsulés ; un jeton RFC 3161 est attendu (les horodatages XML ne sont pas pris en charge)</translation>
  </message>
  <message>
   <source>the token is not readable DER</source>
   <translation>le jeton n’est pas du DER lisible</translation>
  </message>
  <message>
   <source>its input cannot be computed: {error}</source>
   <translation>ses données d’entrée ne peuvent pas être calculées : {error}</translation>
  </message>
  <message>
   <source>a XAdES 1.3.2 ArchiveTimeStamp; only XAdES 1.4.1 ones are checked</source>
   <translation>un ArchiveTimeStamp XAdES 1.3.2 ; seuls ceux de XAdES 1.4.1 sont vérifiés</translation>
  </message>
  <message>
   <source>SigningTime {value} is not a date and time</source>
   <translation>SigningTime {value} n’est pas une date et heure</translation>
  </message>
  <message>
   <source>no certificate in KeyInfo verifies the signature</source>
   <translation>aucun certificat de KeyInfo ne vérifie la signature</translation>
  </message>
  <message>
   <source>verified with the key of a KeyInfo certificate</source>
   <translation>vérifiée avec la clé d’un certificat de KeyInfo</translation>
  </message>
  <message>
   <source>the signature is not where it was found</source>
   <translation>la signature n’est pas là où elle a été trouvée</translation>
  </message>
  <message>
   <source>signed properties</source>
   <translation>propriétés signées</translation>
  </message>
  <message>
   <source>the document (outside the signature)</source>
   <translation>le document (hors de la signature)</translation>
  </message>
  <message>
   <source>signing certificate reference</source>
   <translation>référence du certificat de signature</translation>
  </message>
  <message>
   <source>the signer's key cannot be used ({error})</source>
   <translation>la clé du signataire ne peut pas être utilisée ({error})</translation>
  </message>
  <message>
   <source>signed references</source>
   <translation>références signées</translation>
  </message>
  <message>
   <source>signed data</source>
   <translation>données signées</translation>
  </message>
  <message>
   <source>the digest of {target} does not match</source>
   <translation>l’empreinte de {target} ne correspond pas</translation>
  </message>
  <message>
   <source>the signature value does not verify</source>
   <translation>la valeur de signature ne se vérifie pas</translation>
  </message>
  <message>
   <source>not supported: {error}</source>
   <translation>non pris en charge : {error}</translation>
  </message>
  <message>
   <source>the signature file is empty</source>
   <translation>le fichier de signature est vide</translation>
  </message>
  <message>
   <source>a DTD or entity declaration is not allowed in a signature</source>
   <translation>une DTD ou une déclaration d’entité n’est pas permise dans une signature</translation>
  </message>
  <message>
   <source>not an XML document</source>
   <translation>pas un document XML</translation>
  </message>
  <message>
   <source>a DTD is not allowed in a signature</source>
   <translation>une DTD n’est pas permise dans une signature</translation>
  </message>
  <message>
   <source>entity references are not allowed in a signature</source>
   <translation>les références d’entités ne sont pas permises dans une signature</translation>
  </message>
  <message>
   <source>too large for a XAdES signature</source>
   <translation>trop volumineux pour une signature XAdES</translation>
  </message>
  <message>
   <source>the root element is {tag}, not ds:Signature</source>
   <translation>l’élément racine est {tag}, pas ds:Signature</translation>
  </message>
  <message>
   <source>token format</source>
   <translation>format du jeton</translation>
  </message>
  <message>
   <source>the signature is not a regular file</source>
   <translation>la signature n’est pas un fichier ordinaire</translation>
  </message>
  <message>
   <source>not well-formed XML: {error}</source>
   <translation>XML mal formé : {error}</translation>
  </message>
  <message>
   <source>cannot read the signature: {error}</source>
   <translation>impossible de lire la signature : {error}</translation>
  </message>
  <message>
   <source>the document</source>
   <translation>le document</translation>
  </message>
  <message>
   <source>transforms on a detached document are not supported</source>
   <translation>les transformations sur un document détaché ne sont pas prises en charge</translation>
  </message>
  <message>
   <source>a base64 transform combined with others is not supported</source>
   <translation>une transformation base64 combinée à d’autres n’est pas prise en charge</translation>
  </message>
  <message>
   <source>a base64 transform of the whole document</source>
   <translation>une transformation base64 de tout le document</translation>
  </message>
  <message>
   <source>base64 content mixed with elements is not supported</source>
   <translation>un contenu base64 mêlé d’éléments n’est pas pris en charge</translation>
  </message>
  <message>
   <source>a reference without URI</source>
   <translation>une référence sans URI</translation>
  </message>
  <message>
   <source>XPointer references are not supported</source>
   <translation>les références XPointer ne sont pas prises en charge</translation>
  </message>
  <message>
   <source>reference {uri} designates an element of another signature</source>
   <translation>la référence {uri} désigne un élément d’une autre signature</translation>
  </message>
  <message>
   <source>{count} transforms on one reference</source>
   <translation>{count} transformations sur une seule référence</translation>
  </message>
  <message>
   <source>a reference to the whole signature file</source>
   <translation>une référence à tout le fichier de signature</translation>
  </message>
  <message>
   <source>an XPath transform on {target} other than the exclusion of the signatures is not supported</source>
   <translation>une transformation XPath sur {target} autre que l’exclusion des signatures n’est pas prise en charge</translation>
  </message>
  <message>
   <source>transform {algorithm} on {target} is not supported</source>
   <translation>la transformation {algorithm} sur {target} n’est pas prise en charge</translation>
  </message>
  <message>
   <source>reference {uri} designates {count} elements; it must designate one</source>
   <translation>la référence {uri} désigne {count} éléments ; elle doit en désigner un seul</translation>
  </message>
  <message>
   <source>(none)</source>
   <translation>(aucun)</translation>
  </message>
  <message>
   <source>the file holds {count} ds:Signature elements, {stray} of them nested in another signature where no signer puts one (only a XAdES CounterSignature may)</source>
   <translation>le fichier contient {count} éléments ds:Signature, dont {stray} imbriqués dans une autre signature là où aucun signataire n’en place (seule une CounterSignature XAdES le peut)</translation>
  </message>
  <message>
   <source>an ASiC signatures file</source>
   <translation>un fichier de signatures ASiC</translation>
  </message>
  <message>
   <source>the file</source>
   <translation>le fichier</translation>
  </message>
  <message>
   <source>no ds:Signature in {where} (its root is {root})</source>
   <translation>aucun ds:Signature dans {where} (sa racine est {root})</translation>
  </message>
  <message>
   <source>more than {count} signatures in one file</source>
   <translation>plus de {count} signatures dans un même fichier</translation>
  </message>
  <message>
   <source>a signature inside the content another signature signs: not checked on its own</source>
   <translation>une signature à l’intérieur du contenu qu’une autre signature signe : non vérifiée seule</translation>
  </message>
  <message>
   <source>the signature has no reference</source>
   <translation>la signature n’a aucune référence</translation>
  </message>
  <message>
   <source>this XAdES version is not supported</source>
   <translation>cette version de XAdES n’est pas prise en charge</translation>
  </message>
  <message>
   <source>QualifyingProperties is not in a ds:Object of the signature</source>
   <translation>QualifyingProperties n’est pas dans un ds:Object de la signature</translation>
  </message>
  <message>
   <source>QualifyingProperties does not target this signature</source>
   <translation>QualifyingProperties ne désigne pas cette signature</translation>
  </message>
  <message>
   <source>UnsignedProperties must appear once, in QualifyingProperties</source>
   <translation>UnsignedProperties doit figurer une seule fois, dans QualifyingProperties</translation>
  </message>
  <message>
   <source>SignedProperties is not in this signature's QualifyingProperties</source>
   <translation>SignedProperties n’est pas dans le QualifyingProperties de cette signature</translation>
  </message>
  <message>
   <source>the SignedProperties reference does not designate SignedProperties</source>
   <translation>la référence SignedProperties ne désigne pas SignedProperties</translation>
  </message>
  <message>
   <source>{what} {algorithm} is not supported</source>
   <translation>{what} {algorithm} n’est pas pris en charge</translation>
  </message>
  <message>
   <source>{count} {element} elements where one is required</source>
   <translation>{count} éléments {element} là où un seul est exigé</translation>
  </message>
  <message>
   <source>{count} references: more than a detached token holds</source>
   <translation>{count} références : plus qu’un jeton détaché n’en contient</translation>
  </message>
  <message>
   <source>SignedProperties outside a QualifyingProperties element</source>
   <translation>SignedProperties hors d’un élément QualifyingProperties</translation>
  </message>
  <message>
   <source>{count} QualifyingProperties elements; one is allowed</source>
   <translation>{count} éléments QualifyingProperties ; un seul est permis</translation>
  </message>
  <message>
   <source>a SignedProperties reference without SignedProperties</source>
   <translation>une référence SignedProperties sans SignedProperties</translation>
  </message>
  <message>
   <source>{count} SignedProperties elements; a signature has one</source>
   <translation>{count} éléments SignedProperties ; une signature en a un seul</translation>
  </message>
  <message>
   <source>{count} references of type SignedProperties; one is required</source>
   <translation>{count} références de type SignedProperties ; une seule est exigée</translation>
  </message>
  <message>
   <source>signature method</source>
   <translation>algorithme de signature</translation>
  </message>
  <message>
   <source>algorithms</source>
   <translation>algorithmes</translation>
  </message>
  <message>
   <source>{what} {algorithm}: an HMAC is not an electronic signature</source>
   <translation>{what} {algorithm} : un HMAC n’est pas une signature électronique</translation>
  </message>
  <message>
   <source>no signed document was given</source>
   <translation>aucun document signé n’a été donné</translation>
  </message>
  <message>
   <source>digest</source>
   <translation>algorithme d’empreinte</translation>
  </message>
  <message>
   <source>{what} {algorithm} is no longer considered secure</source>
   <translation>{what} {algorithm} n’est plus considéré comme sûr</translation>
  </message>
  <message>
   <source>{what} is not valid base64</source>
   <translation>{what} n’est pas du base64 valide</translation>
  </message>
  <message>
   <source>the document changed while it was read</source>
   <translation>le document a changé pendant sa lecture</translation>
  </message>
  <message>
   <source>unsupported canonicalisation method</source>
   <translation>méthode de canonicalisation non prise en charge</translation>
  </message>
  <message>
   <source>{copies} copies of a file of {megabytes} MB to check its references: too large</source>
   <translation>{copies} copies d’un fichier de {megabytes} Mo pour vérifier ses références : trop volumineux</translation>
  </message>
  <message>
   <source>the signature has no signed SigningCertificateV2 property</source>
   <translation>la signature n’a pas de propriété SigningCertificateV2 signée</translation>
  </message>
  <message>
   <source>no KeyInfo certificate has the digest that SigningCertificateV2 gives</source>
   <translation>aucun certificat de KeyInfo n’a l’empreinte que donne SigningCertificateV2</translation>
  </message>
  <message>
   <source>the issuer and serial do not match</source>
   <translation>l’émetteur et le numéro de série ne correspondent pas</translation>
  </message>
  <message>
   <source>the verified SignedProperties is not the expected element</source>
   <translation>le SignedProperties vérifié n’est pas l’élément attendu</translation>
  </message>
  <message>
   <source>not in the signed properties</source>
   <translation>absent des propriétés signées</translation>
  </message>
  <message>
   <source>the counter-signature does not sign the SignatureValue of the signature it is in</source>
   <translation>la contre-signature ne signe pas la SignatureValue de la signature qui la contient</translation>
  </message>
  <message>
   <source>AdES signature</source>
   <translation>signature AdES</translation>
  </message>
  <message>
   <source>a plain XML signature: no signed property binds the signer's certificate to it (not an AdES signature)</source>
   <translation>une signature XML simple : aucune propriété signée n’y lie le certificat du signataire (pas une signature AdES)</translation>
  </message>
  <message>
   <source>no KeyInfo certificate verifies the signature</source>
   <translation>aucun certificat de KeyInfo ne vérifie la signature</translation>
  </message>
  <message>
   <source>whole document signed</source>
   <translation>tout le document signé</translation>
  </message>
  <message>
   <source>a DigestValue</source>
   <translation>un DigestValue</translation>
  </message>
  <message>
   <source>the document is not the one that was signed</source>
   <translation>le document n’est pas celui qui a été signé</translation>
  </message>
  <message>
   <source>the signature holds a ds:Object that no reference covers</source>
   <translation>la signature contient un ds:Object qu’aucune référence ne couvre</translation>
  </message>
  <message>
   <source>only {elements} of the document is signed</source>
   <translation>seule une partie du document est signée : {elements}</translation>
  </message>
  <message>
   <source>{file} is not the file that was signed</source>
   <translation>{file} n’est pas le fichier qui a été signé</translation>
  </message>
  <message>
   <source>document name</source>
   <translation>nom du document</translation>
  </message>
  <message>
   <source>not found: {files}</source>
   <translation>introuvable(s) : {files}</translation>
  </message>
  <message>
   <source>not checked for a signature of this shape</source>
   <translation>non vérifié pour une signature de cette forme</translation>
  </message>
  <message>
   <source>the signature names {name}; its content matches</source>
   <translation>la signature nomme {name} ; son contenu correspond</translation>
  </message>
  <message>
   <source>The certificate of {holder} has no nonRepudiation key usage: it is meant for authentication, and a buyer may not accept it for a signature.</source>
   <translation>Le certificat de {holder} n'a pas l'usage « non-répudiation » : il est destiné à l'authentification, et un acheteur peut refuser une signature faite avec.</translation>
  </message>
  <message>
   <source>The certificate of {holder} does not declare itself qualified (no QcCompliance statement); French public procurement expects a qualified certificate.</source>
   <translation>Le certificat de {holder} ne se déclare pas qualifié (pas de déclaration QcCompliance) ; la commande publique française attend un certificat qualifié.</translation>
  </message>
  <message>
   <source>The certificate chain of {holder} could not be completed: its issuer {issuer} was not found (on the token, in the certificate file, in the trusted certificates or at the address the certificate gives). Verifiers without that certificate cannot check the signature.</source>
   <translation>La chaîne de certification de {holder} n'a pas pu être complétée : son émetteur {issuer} est introuvable (sur le support, dans le fichier de certificat, dans les certificats de confiance ou à l'adresse indiquée par le certificat). Un vérificateur qui n'a pas ce certificat ne pourra pas contrôler la signature.</translation>
  </message>
  <message>
   <source>{path}: the token library loaded but cannot list its readers and tokens ({detail}).</source>
   <translation>{path} : la bibliothèque du jeton est chargée mais ne peut pas lister ses lecteurs et jetons ({detail}).</translation>
  </message>
  <message>
   <source>{path}: the token library could not start ({detail}). Reinstall the token's middleware or check its configuration.</source>
   <translation>{path} : la bibliothèque du jeton n'a pas pu démarrer ({detail}). Réinstallez le middleware du jeton ou vérifiez sa configuration.</translation>
  </message>
  <message>
   <source>{path}: this token library (PKCS#11 module) does not exist. Install the token's middleware or correct the path.</source>
   <translation>{path} : cette bibliothèque de jeton (module PKCS#11) n'existe pas. Installez le middleware du jeton ou corrigez le chemin.</translation>
  </message>
  <message>
   <source>{path}: this token library is built for {found}, but Paraphe runs as {expected}. Install the {expected} version of the token's middleware.</source>
   <translation>{path} : cette bibliothèque de jeton est compilée pour {found}, mais Paraphe fonctionne en {expected}. Installez la version {expected} du middleware du jeton.</translation>
  </message>
  <message>
   <source>{path}: not a token library (PKCS#11 module): {detail}.</source>
   <translation>{path} : ce n'est pas une bibliothèque de jeton (module PKCS#11) : {detail}.</translation>
  </message>
  <message>
   <source>the token {token} holds no {searched}. Certificates with a private key on it: {present}.</source>
   <translation>le jeton {token} ne contient pas de {searched}. Certificats avec clé privée présents : {present}.</translation>
  </message>
  <message>
   <source>{path}: no token was found through this PKCS#11 module. Insert the token (or its card in the reader) and try again.</source>
   <translation>{path} : aucun jeton n'a été trouvé par ce module PKCS#11. Insérez le jeton (ou sa carte dans le lecteur) et réessayez.</translation>
  </message>
  <message>
   <source>the token {token} is locked: too many wrong PINs were entered. Unlock it with its PUK (unblocking code) or contact your administrator; nothing was signed.</source>
   <translation>le jeton {token} est bloqué : trop de codes PIN erronés ont été saisis. Débloquez-le avec son code PUK (code de déblocage) ou contactez votre administrateur ; rien n'a été signé.</translation>
  </message>
  <message>
   <source>the token {token} holds several signing certificates ({present}); choose one with --key LABEL or --cert SHA256.</source>
   <translation>le jeton {token} contient plusieurs certificats de signature ({present}) ; choisissez-en un avec --key LIBELLÉ ou --cert SHA256.</translation>
  </message>
  <message>
   <source>{path}: several tokens are present ({present}); choose one with --token LABEL.</source>
   <translation>{path} : plusieurs jetons sont présents ({present}) ; choisissez-en un avec --token LIBELLÉ.</translation>
  </message>
  <message>
   <source>{path}: no token labelled '{token}' was found (tokens present: {present}). Insert the token or check --token.</source>
   <translation>{path} : aucun jeton nommé « {token} » n'a été trouvé (jetons présents : {present}). Insérez le jeton ou vérifiez --token.</translation>
  </message>
  <message>
   <source>the token {token} refused to sign ({detail}).</source>
   <translation>le jeton {token} a refusé de signer ({detail}).</translation>
  </message>
  <message>
   <source>the token {token} was removed or its session was lost while signing; the files finished before stay valid and nothing partial was kept. Insert the token and sign the remaining files again.</source>
   <translation>le jeton {token} a été retiré ou sa session perdue pendant la signature ; les fichiers terminés avant restent valides et rien de partiel n'a été conservé. Insérez le jeton et signez à nouveau les fichiers restants.</translation>
  </message>
  <message>
   <source>the token {token} was removed or its session was lost while signing {path}; that file was not written, the files finished before stay valid. Insert the token and sign the remaining files again.</source>
   <translation>le jeton {token} a été retiré ou sa session perdue pendant la signature de {path} ; ce fichier n'a pas été écrit, les fichiers terminés avant restent valides. Insérez le jeton et signez à nouveau les fichiers restants.</translation>
  </message>
  <message>
   <source>{path}: wrong PIN for the token {token}. Nothing was signed; check the PIN before trying again: after a few wrong tries the token locks.</source>
   <translation>{path} : code PIN incorrect pour le jeton {token}. Rien n'a été signé ; vérifiez le code PIN avant de réessayer : après quelques essais erronés, le jeton se bloque.</translation>
  </message>
  <message>
   <source>{path}: wrong PIN for the token {token}; few tries are left before it locks. Nothing was signed; make sure of the PIN before trying again.</source>
   <translation>{path} : code PIN incorrect pour le jeton {token} ; il reste peu d'essais avant le blocage. Rien n'a été signé ; assurez-vous du code PIN avant de réessayer.</translation>
  </message>
  <message>
   <source>{path}: wrong PIN for the token {token}; one try left before the token locks. Nothing was signed; make sure of the PIN before trying again.</source>
   <translation>{path} : code PIN incorrect pour le jeton {token} ; plus qu'un essai avant le blocage du jeton. Rien n'a été signé ; assurez-vous du code PIN avant de réessayer.</translation>
  </message>
  <message>
   <source>Cancelled.</source>
   <translation>Annulé.</translation>
  </message>
  <message>
   <source>{path}: the certificate of {holder} has expired (valid from {not_before} to {not_after}); a signature made with it would be rejected. Use a valid certificate.</source>
   <translation>{path} : le certificat de {holder} a expiré (valide du {not_before} au {not_after}) ; une signature faite avec serait refusée. Utilisez un certificat valide.</translation>
  </message>
  <message>
   <source>{path}: the certificate of {holder} is not yet valid (valid from {not_before} to {not_after}); a signature made with it would be rejected. Use a valid certificate.</source>
   <translation>{path} : le certificat de {holder} n'est pas encore valide (valide du {not_before} au {not_after}) ; une signature faite avec serait refusée. Utilisez un certificat valide.</translation>
  </message>
  <message>
   <source>{path}: not a readable PKCS#12 (.p12/.pfx) file ({detail}).</source>
   <translation>{path} : ce n'est pas un fichier PKCS#12 (.p12/.pfx) lisible ({detail}).</translation>
  </message>
  <message>
   <source>{path}: the file changed while it was being signed; sign it again once it is saved.</source>
   <translation>{path} : le fichier a changé pendant sa signature ; signez-le à nouveau une fois enregistré.</translation>
  </message>
  <message>
   <source>{path}: the key of {holder} ({algorithm}) is no longer accepted since {date} ({source}); a signature made with it would be rejected. Use a certificate with a stronger key.</source>
   <translation>{path} : la clé de {holder} ({algorithm}) n’est plus acceptée depuis le {date} ({source}) ; une signature faite avec serait refusée. Utilisez un certificat avec une clé plus robuste.</translation>
  </message>
  <message>
   <source>{path}: the file holds no certificate matching its private key.</source>
   <translation>{path} : le fichier ne contient aucun certificat correspondant à sa clé privée.</translation>
  </message>
  <message>
   <source>{path}: the file holds no private key, only certificates; export it again with its key.</source>
   <translation>{path} : le fichier ne contient pas de clé privée, seulement des certificats ; exportez-le à nouveau avec sa clé.</translation>
  </message>
  <message>
   <source>{path}: page {page} has no blank place left for a stamp without covering what was signed; choose another page or sign without a visible stamp.</source>
   <translation>{path} : la page {page} n'a plus d'espace vide pour un tampon qui ne masque pas ce qui a été signé ; choisissez une autre page ou signez sans tampon visible.</translation>
  </message>
  <message>
   <source>{path}: cannot write the signature here ({detail}). Choose another output folder.</source>
   <translation>{path} : impossible d'écrire la signature ici ({detail}). Choisissez un autre dossier de sortie.</translation>
  </message>
  <message>
   <source>{path}: cannot write the report here ({detail}); nothing was written.</source>
   <translation>{path} : impossible d’écrire le rapport ici ({detail}) ; rien n’a été écrit.</translation>
  </message>
  <message>
   <source>{path}: the signature written could not be verified ({detail}); nothing was kept.</source>
   <translation>{path} : la signature écrite n'a pas pu être vérifiée ({detail}) ; rien n'a été conservé.</translation>
  </message>
  <message>
   <source>{path}: signing failed ({detail}).</source>
   <translation>{path} : la signature a échoué ({detail}).</translation>
  </message>
  <message>
   <source>{path}: the stamp at {place} on page {page} would cover an earlier signature, a field or signed content; choose a blank place, or leave the position out to let Paraphe find one.</source>
   <translation>{path} : le tampon placé en {place} sur la page {page} masquerait une signature précédente, un champ ou un contenu signé ; choisissez un emplacement vide, ou n'indiquez pas de position pour que Paraphe en trouve un.</translation>
  </message>
  <message>
   <source>No timestamp could be obtained ({detail}). The files not done yet were left as they were; check the timestamp server's address, or try again later.</source>
   <translation>Aucun horodatage n'a pu être obtenu ({detail}). Les fichiers pas encore traités ont été laissés tels quels ; vérifiez l'adresse du serveur d'horodatage, ou réessayez plus tard.</translation>
  </message>
  <message>
   <source>{path}: cannot read this file ({detail}).</source>
   <translation>{path} : impossible de lire ce fichier ({detail}).</translation>
  </message>
  <message>
   <source>{path}: unsupported key type {key_type}; RSA and ECDSA keys are supported.</source>
   <translation>{path} : type de clé {key_type} non pris en charge ; les clés RSA et ECDSA le sont.</translation>
  </message>
  <message>
   <source>The validation data of the signature could not be gathered ({detail}). The files not done yet were left as they were; check the network access to the certificate authority, or use level B-T.</source>
   <translation>Les données de validation de la signature n'ont pas pu être rassemblées ({detail}). Les fichiers pas encore traités ont été laissés tels quels ; vérifiez l'accès réseau à l'autorité de certification, ou utilisez le niveau B-T.</translation>
  </message>
  <message>
   <source>{path}: wrong password for this certificate file. Check it and try again.</source>
   <translation>{path} : mot de passe incorrect pour ce fichier de certificat. Vérifiez-le et réessayez.</translation>
  </message>
  <message>
   <source>{path}: no such file (it was moved, renamed or deleted).</source>
   <translation>{path} : fichier introuvable (déplacé, renommé ou supprimé).</translation>
  </message>
  <message>
   <source>{path}: every output name for this file is taken in its folder. Choose another output folder.</source>
   <translation>{path} : tous les noms de sortie de ce fichier sont pris dans son dossier. Choisissez un autre dossier de sortie.</translation>
  </message>
  <message>
   <source>{path}: cannot write the signatures here: there is no such folder. Choose another output folder.</source>
   <translation>{path} : impossible d’écrire les signatures ici : ce dossier n’existe pas. Choisissez un autre dossier de sortie.</translation>
  </message>
  <message>
   <source>{path}: cannot write the signatures here: the folder is read-only or not yours to write to. Choose another output folder.</source>
   <translation>{path} : impossible d’écrire les signatures ici : le dossier est en lecture seule ou vous n’avez pas le droit d’y écrire. Choisissez un autre dossier de sortie.</translation>
  </message>
  <message>
   <source>{location}: {detail}</source>
   <translation>{location} : {detail}</translation>
  </message>
  <message>
   <source>{path}: cannot write its signed document into {folder} ({detail}); nothing was written.</source>
   <translation>{path} : impossible d’écrire son document signé dans {folder} ({detail}) ; rien n’a été écrit.</translation>
  </message>
  <message>
   <source>{path}: cannot write the signed documents here ({detail}); nothing was extracted.</source>
   <translation>{path} : impossible d’écrire les documents signés ici ({detail}) ; rien n’a été extrait.</translation>
  </message>
  <message>
   <source>The signature is malformed and cannot be checked; ask the signer for a new signature.</source>
   <translation>La signature est mal formée et ne peut pas être vérifiée ; demandez une nouvelle signature au signataire.</translation>
  </message>
  <message>
   <source>The signature holds something Paraphe cannot process (an unsupported or unusual element, see the checks), so it could not be checked; it may still be valid: check it with another tool or ask the signer for a standard signature.</source>
   <translation>La signature contient un élément que Paraphe ne sait pas traiter (élément non pris en charge ou inhabituel, voir les contrôles) : elle n'a pas pu être vérifiée, mais elle est peut-être valide. Vérifiez-la avec un autre outil ou demandez au signataire une signature standard.</translation>
  </message>
  <message>
   <source>The document was modified after it was signed (or this is not the signed file); do not rely on it and ask for the original.</source>
   <translation>Le document a été modifié après sa signature (ou ce n'est pas le fichier signé) ; ne vous y fiez pas et demandez l'original.</translation>
  </message>
  <message>
   <source>The signature value is invalid: the signature was altered or forged; do not rely on it.</source>
   <translation>La valeur de signature est invalide : la signature a été altérée ou falsifiée ; ne vous y fiez pas.</translation>
  </message>
  <message>
   <source>The signer's certificate was revoked before the signature was made; the signature is not valid.</source>
   <translation>Le certificat du signataire a été révoqué avant la signature ; la signature n'est pas valide.</translation>
  </message>
  <message>
   <source>The signer's certificate had expired when the document was signed; the signature is not valid.</source>
   <translation>Le certificat du signataire avait expiré lors de la signature ; la signature n'est pas valide.</translation>
  </message>
  <message>
   <source>The signature was made before the signer's certificate became valid; it is not valid.</source>
   <translation>La signature a été faite avant le début de validité du certificat du signataire ; elle n'est pas valide.</translation>
  </message>
  <message>
   <source>The signature does not meet the validation policy's requirements (see the checks); ask the signer for a compliant signature.</source>
   <translation>La signature ne respecte pas les exigences de la politique de validation (voir les contrôles) ; demandez une signature conforme au signataire.</translation>
  </message>
  <message>
   <source>The signer's certificate chain breaks a constraint (key usage, name or policy constraints); the certificate may not be meant for signing.</source>
   <translation>La chaîne de certification du signataire enfreint une contrainte (usage de clé, contraintes de nom ou de politique) ; le certificat n'est peut-être pas destiné à la signature.</translation>
  </message>
  <message>
   <source>The signer's certificate chain could not be validated (see the checks); check the trust settings or ask the signer.</source>
   <translation>La chaîne de certification du signataire n'a pas pu être validée (voir les contrôles) ; vérifiez les réglages de confiance ou interrogez le signataire.</translation>
  </message>
  <message>
   <source>The signature uses an algorithm or key size that Paraphe does not accept (not supported, or no longer considered secure); ask for a new signature.</source>
   <translation>La signature utilise un algorithme ou une taille de clé que Paraphe n'accepte pas (non pris en charge, ou qui n'est plus jugé sûr) ; demandez une nouvelle signature.</translation>
  </message>
  <message>
   <source>The signature policy could not be processed.</source>
   <translation>La politique de signature n'a pas pu être traitée.</translation>
  </message>
  <message>
   <source>The signature policy the signature refers to is not available.</source>
   <translation>La politique de signature à laquelle la signature se réfère n'est pas disponible.</translation>
  </message>
  <message>
   <source>The signature's timestamps are in an impossible order; do not rely on it.</source>
   <translation>Les horodatages de la signature sont dans un ordre impossible ; ne vous y fiez pas.</translation>
  </message>
  <message>
   <source>The signer's certificate is missing or does not match the signature; the signer cannot be identified.</source>
   <translation>Le certificat du signataire est absent ou ne correspond pas à la signature ; le signataire ne peut pas être identifié.</translation>
  </message>
  <message>
   <source>The signer's certificate does not lead to a trusted authority; if you trust its issuer, add it to the trusted certificates, otherwise do not rely on this signature.</source>
   <translation>Le certificat du signataire ne remonte pas à une autorité de confiance ; si vous faites confiance à son émetteur, ajoutez-le aux certificats de confiance, sinon ne vous fiez pas à cette signature.</translation>
  </message>
  <message>
   <source>The signer's certificate has been revoked and nothing proves the signature was made before that; ask the signer whether the signature predates the revocation (a timestamped signature would prove it).</source>
   <translation>Le certificat du signataire a été révoqué et rien ne prouve que la signature a été faite avant ; demandez au signataire si la signature précède la révocation (une signature horodatée le prouverait).</translation>
  </message>
  <message>
   <source>A certificate authority in the signer's chain has been revoked and nothing proves the signature was made before that.</source>
   <translation>Une autorité de la chaîne du signataire a été révoquée et rien ne prouve que la signature a été faite avant.</translation>
  </message>
  <message>
   <source>The signer's certificate has expired (or is not yet valid) and nothing proves when the signature was made; a timestamped (B-T or higher) signature would prove it.</source>
   <translation>Le certificat du signataire a expiré (ou n'est pas encore valide) et rien ne prouve quand la signature a été faite ; une signature horodatée (B-T ou plus) le prouverait.</translation>
  </message>
  <message>
   <source>The signer's certificate has expired, was not revoked, but nothing proves the signature was made while it was valid.</source>
   <translation>Le certificat du signataire a expiré sans avoir été révoqué, mais rien ne prouve que la signature a été faite pendant sa validité.</translation>
  </message>
  <message>
   <source>The revocation information is outside the certificate's validity and nothing proves when the signature was made.</source>
   <translation>Les informations de révocation sont hors de la période de validité du certificat et rien ne prouve quand la signature a été faite.</translation>
  </message>
  <message>
   <source>The signature uses an algorithm now considered weak and nothing proves it was made while the algorithm was acceptable.</source>
   <translation>La signature utilise un algorithme désormais jugé faible et rien ne prouve qu'elle a été faite quand il était acceptable.</translation>
  </message>
  <message>
   <source>Nothing proves the signature existed at the time required; a timestamp would be needed.</source>
   <translation>Rien ne prouve que la signature existait au moment requis ; un horodatage serait nécessaire.</translation>
  </message>
  <message>
   <source>The revocation status of the signer's certificate could not be obtained (offline, or the responder did not answer); verify again later with network access.</source>
   <translation>Le statut de révocation du certificat du signataire n'a pas pu être obtenu (hors ligne, ou le serveur n'a pas répondu) ; vérifiez à nouveau plus tard avec un accès au réseau.</translation>
  </message>
  <message>
   <source>The signed document was not found beside the signature; put the document and its signature file in the same folder.</source>
   <translation>Le document signé n'a pas été trouvé à côté de la signature ; placez le document et son fichier de signature dans le même dossier.</translation>
  </message>
  <message>
   <source>The signature could not be fully validated (see the checks).</source>
   <translation>La signature n'a pas pu être entièrement validée (voir les contrôles).</translation>
  </message>
  <message>
   <source>The PDF was changed after this signature in a way a signature does not allow (content added or altered by a later update): what you see is not what was signed. Ask for the original.</source>
   <translation>Le PDF a été modifié après cette signature d'une façon qu'une signature n'autorise pas (contenu ajouté ou altéré par une mise à jour ultérieure) : ce que vous voyez n'est pas ce qui a été signé. Demandez l'original.</translation>
  </message>
  <message>
   <source>The signature does not cover the whole signed revision of the PDF (gaps in /ByteRange): parts of the file could have been changed. Do not rely on it.</source>
   <translation>La signature ne couvre pas toute la révision signée du PDF (trous dans /ByteRange) : des parties du fichier ont pu être modifiées. Ne vous y fiez pas.</translation>
  </message>
  <message>
   <source>Something added to the PDF after this signature (a field, a stamp or a note) covers or changes what was signed: the page shown is not the page that was signed. Do not rely on what you see; ask for the original.</source>
   <translation>Un élément ajouté au PDF après cette signature (un champ, un tampon ou une note) masque ou modifie ce qui a été signé : la page affichée n'est pas la page signée. Ne vous fiez pas à ce que vous voyez ; demandez l'original.</translation>
  </message>
 </context>
</TS>