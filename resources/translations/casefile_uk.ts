<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/gui/widgets/actions.py" line="+77"/>
        <source>Mark as unverified</source>
        <extracomment>Widgets that use plain typed keys themselves: a letter picks a combo box&apos;s item, a digit goes into a spin box, Space presses a button. Typing &quot;3&quot; in one must never grade evidence. Texts and tips are English, marked for lupdate in the &quot;Actions&quot; context (QT_TRANSLATE_NOOP returns its text unchanged) and translated when the actions are built (`translate`). What each status action says, by status code: written out, so that lupdate sees them.</extracomment>
        <translation>Позначити як неперевірений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the verification status of the selected evidence to “Unverified”</source>
        <translation>Встановити для виділених доказів статус перевірки «Не перевірено»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as corroborated</source>
        <translation>Позначити як підтверджений іншим джерелом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the verification status of the selected evidence to “Corroborated”</source>
        <translation>Встановити для виділених доказів статус перевірки «Підтверджено іншим джерелом»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as verified</source>
        <translation>Позначити як перевірений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the verification status of the selected evidence to “Verified”</source>
        <translation>Встановити для виділених доказів статус перевірки «Перевірено»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as contested</source>
        <translation>Позначити як оспорюваний</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the verification status of the selected evidence to “Contested”</source>
        <translation>Встановити для виділених доказів статус перевірки «Оспорюється»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as rejected</source>
        <translation>Позначити як відхилений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the verification status of the selected evidence to “Rejected”</source>
        <translation>Встановити для виділених доказів статус перевірки «Відхилено»</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;New case…</source>
        <translation>&amp;Нова справа…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new case file</source>
        <translation>Створити новий файл справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open case…</source>
        <translation>&amp;Відкрити справу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a case file</source>
        <translation>Відкрити файл справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open s&amp;hared case…</source>
        <translation>Відкрити спі&amp;льну справу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a case on a PostgreSQL office server by its address</source>
        <translation>Відкрити справу на офісному сервері PostgreSQL за її адресою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check out for o&amp;ffline work…</source>
        <translation>Взяти для роботи &amp;без сервера…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the shared case into a case file for work without the server, with a manifest beside it</source>
        <translation>Записати спільну справу у файл справи для роботи без сервера, з маніфестом поруч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check in to ser&amp;ver…</source>
        <translation>Повернути на с&amp;ервер…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring what was done in this checked-out case file back to its shared case</source>
        <translation>Повернути до спільної справи те, що зроблено в цьому взятому з сервера файлі справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import sources…</source>
        <translation>&amp;Імпортувати джерела…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import source files (.txt, .md, .docx, .html, .pdf)</source>
        <translation>Імпортувати файли джерел (.txt, .md, .docx, .html, .pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a &amp;folder…</source>
        <translation>Імпортувати &amp;теку…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import every source file in a folder</source>
        <translation>Імпортувати всі файли джерел із теки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import with a collection &amp;record…</source>
        <translation>Імпортувати із записом про &amp;збирання…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import source files with how they were collected: tool, method, capture time, identity, hash at collection</source>
        <translation>Імпортувати файли джерел із тим, як їх зібрано: інструмент, спосіб, час знімка, обліковий запис, геш під час збирання</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export dossier…</source>
        <translation>&amp;Експортувати досьє…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the case as a Word dossier for a receiving office</source>
        <translation>Експортувати справу як досьє Word для установи-отримувача</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;annotations…</source>
        <translation>Експортувати &amp;анотації…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the evidence as W3C Web Annotations (JSON-LD) for other tools</source>
        <translation>Експортувати докази як вебанотації W3C (JSON-LD) для інших програм</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a&amp;nnotations…</source>
        <translation>Імпортувати ан&amp;отації…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import evidence from W3C Web Annotations or a Hypothesis export; each is re-anchored</source>
        <translation>Імпортувати докази з вебанотацій W3C або з експорту Hypothesis; кожну анотацію заново прив’язують до тексту джерела</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export re&amp;gisters (CSV)…</source>
        <translation>Експортувати &amp;реєстри (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incidents and evidence as two CSV files for a spreadsheet</source>
        <translation>Інциденти й докази у двох файлах CSV для електронних таблиць</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export disclosure &amp;package…</source>
        <translation>Експортувати &amp;пакет розкриття…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dossier, the cited sources&apos; originals, registers, annotations and a checkable manifest in one .zip for a receiving office</source>
        <translation>Досьє, оригінали цитованих джерел, реєстри, анотації та маніфест для перевірки в одному архіві для установи, що їх отримує</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case &amp;details…</source>
        <translation>&amp;Відомості про справу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case&apos;s title, reference and marking, and who issues its dossier, to whom and for what</source>
        <translation>Назва, реєстраційний номер і рівень доступу справи, а також хто видає її досьє, кому й для чого</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close case</source>
        <translation>&amp;Закрити справу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the open case</source>
        <translation>Закрити відкриту справу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>Ви&amp;йти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Casefile</source>
        <translation>Вийти з Casefile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Скасувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find in source…</source>
        <translation>&amp;Знайти в джерелі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find text in the source being read</source>
        <translation>Знайти текст у джерелі, яке ви читаєте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search the case…</source>
        <translation>По&amp;шук у справі…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full-text search over every source of the case</source>
        <translation>Повнотекстовий пошук в усіх джерелах справи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Налаштування…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name and the interface language</source>
        <translation>Ваше ім’я та мова інтерфейсу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark as evidence…</source>
        <translation>Позначити як &amp;доказ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected passage as evidence for the current incident</source>
        <translation>Позначити виділений уривок як доказ для поточного інциденту</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove evidence</source>
        <translation>&amp;Вилучити доказ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected evidence span (a mistaken mark)</source>
        <translation>Вилучити виділений доказовий фрагмент (помилкову позначку)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;submit for review</source>
        <translation>Повторно &amp;надіслати на рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send returned evidence back to the reviewer once the comment is dealt with</source>
        <translation>Знову надіслати повернутий доказ рецензентові, коли зауваження враховано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Approve (review)</source>
        <translation>&amp;Схвалити (рецензування)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review: approve the evidence shown in the review panel</source>
        <translation>Рецензування: схвалити доказ, показаний на панелі рецензування</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;turn with comment… (review)</source>
        <translation>По&amp;вернути із зауваженням… (рецензування)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review: return the evidence to its documenter with a comment</source>
        <translation>Рецензування: повернути доказ документувальникові із зауваженням</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next pending (review)</source>
        <translation>&amp;Наступний в черзі (рецензування)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review: go to the next evidence waiting for review</source>
        <translation>Рецензування: перейти до наступного доказу, що очікує рецензування</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous pending (review)</source>
        <translation>&amp;Попередній у черзі (рецензування)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review: go back to the previous evidence waiting for review</source>
        <translation>Рецензування: повернутися до попереднього доказу, що очікує рецензування</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add incident</source>
        <translation>&amp;Додати інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a new incident</source>
        <translation>Додати новий інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete incident…</source>
        <translation>&amp;Видалити інцидент…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the current incident; its evidence is kept, unlinked</source>
        <translation>Видалити поточний інцидент; його докази зберігаються, але вже без зв’язку з ним</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Submit for review</source>
        <translation>&amp;Надіслати на рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the current incident to a reviewer</source>
        <translation>Надіслати поточний інцидент рецензентові</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pprove incident</source>
        <translation>С&amp;хвалити інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign the current incident off (all its evidence must be approved)</source>
        <translation>Остаточно схвалити поточний інцидент (усі його докази мають бути схвалені)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Return incident…</source>
        <translation>&amp;Повернути інцидент…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the current incident back to its documenter with a comment</source>
        <translation>Повернути поточний інцидент документувальникові із зауваженням</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify integrity</source>
        <translation>Перевірити &amp;цілісність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the audit trail&apos;s hash chain and every source&apos;s fingerprints</source>
        <translation>Перевірити ланцюжок гешів журналу аудиту та цифрові відбитки всіх джерел</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Protected people…</source>
        <translation>&amp;Захищені особи…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Names replaced by pseudonyms in redacted dossiers</source>
        <translation>Імена, які в знеособлених досьє замінюються псевдонімами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy for &amp;hand-over…</source>
        <translation>Зберегти копію для &amp;передавання…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a consistent copy of the case and its manifest, to hand to a reviewer</source>
        <translation>Записати узгоджену копію справи та її маніфест, щоб передати рецензентові</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Merge review from…</source>
        <translation>&amp;Об’єднати результати рецензування з…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring a reviewer&apos;s decisions back from a returned copy</source>
        <translation>Перенести рішення рецензента з повернутої копії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Encrypt with a passphrase…</source>
        <translation>За&amp;шифрувати парольною фразою…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewrite the open case as an encrypted file (SQLCipher)</source>
        <translation>Перезаписати відкриту справу як зашифрований файл (SQLCipher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Recover a damaged case…</source>
        <translation>Від&amp;новити пошкоджену справу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salvage what can be read from a damaged case file into a new one</source>
        <translation>Перенести до нового файлу все, що вдається прочитати з пошкодженого файлу справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source &amp;details…</source>
        <translation>&amp;Відомості про джерело…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the metadata and reliability grade of the open source</source>
        <translation>Редагувати метадані й оцінку надійності відкритого джерела</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Review</source>
        <translation>&amp;Рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk through the evidence waiting for review, one span at a time</source>
        <translation>Переглянути докази, що очікують рецензування, по одному фрагменту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;side by side</source>
        <translation>Відкрити &amp;поруч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a second source beside the first to compare two accounts</source>
        <translation>Показати друге джерело поруч із першим, щоб порівняти дві розповіді</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset &amp;layout</source>
        <translation>Відновити &amp;розташування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put every panel back in its place, sized to the window</source>
        <translation>Повернути кожну панель на її місце, за розміром вікна</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Клавіатурні скорочення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the &amp;tour</source>
        <translation>&amp;Ознайомчий огляд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short tour of the window&apos;s panels</source>
        <translation>Короткий огляд панелей вікна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Casefile</source>
        <translation>&amp;Про Casefile</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <extracomment>The menu bar&apos;s titles, by menu (MENUS are also the keys of SPECS&apos; `menu`).</extracomment>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Case</source>
        <translation>&amp;Справа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Редагування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence</source>
        <translation>Д&amp;окази</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incident</source>
        <translation>&amp;Інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Source</source>
        <translation>Д&amp;жерело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
</context>
<context>
    <name>BackgroundRunner</name>
    <message>
        <location filename="../../desktop/gui/background.py" line="+109"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>CaseDetailsDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/case_details.py" line="+15"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Реєстраційний номер</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issuing organisation</source>
        <translation>Організація, що видає досьє</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the organisation that issues the dossier</source>
        <translation>організація, яка видає досьє</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>Видав</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name and role of who issues it</source>
        <translation>ім’я та посада особи, яка видає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addressee</source>
        <translation>Адресат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Office of the Prosecutor General of Ukraine</source>
        <translation>напр., Офіс Генерального прокурора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued for</source>
        <translation>Мета видачі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the proceedings or request it answers</source>
        <translation>провадження чи запит, на який воно відповідає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 1.0</source>
        <translation>напр., 1.0</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Case details</source>
        <translation>Відомості про справу</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Classification</source>
        <translation>Рівень доступу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Issuing block&lt;/b&gt; — printed near the dossier&apos;s cover</source>
        <translation>&lt;b&gt;Реквізити видачі&lt;/b&gt; — друкуються поруч з обкладинкою досьє</translation>
    </message>
</context>
<context>
    <name>CaseFiles</name>
    <message>
        <location filename="../../desktop/gui/flows/cases.py" line="+85"/>
        <source>New case</source>
        <translation>Нова справа</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+5"/>
        <source>The case could not be created</source>
        <translation>Не вдалося створити справу</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open case</source>
        <translation>Відкрити справу</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>is already open in another {app} window{owner}</source>
        <translation>уже відкрито в іншому вікні {app}{owner}</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+6"/>
        <location line="+3"/>
        <location line="+73"/>
        <location line="+5"/>
        <source>The case could not be opened</source>
        <translation>Не вдалося відкрити справу</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Open shared case</source>
        <translation>Відкрити спільну справу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case&apos;s address on its server, postgresql://SERVER[:PORT]/DATABASE
(with ROLE@ before the server to log in as another role; the password comes from
your .pgpass or service file, never from Casefile):</source>
        <translation>Адреса справи на її сервері: postgresql://СЕРВЕР[:ПОРТ]/БАЗА
(РОЛЬ@ перед сервером — щоб увійти під іншою роллю; пароль береться з вашого
файлу .pgpass або файлу служби, ніколи не з Casefile):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{address} is not a server address: it begins with postgresql://</source>
        <translation>{address} — не адреса сервера: вона починається з postgresql://</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+53"/>
        <source>Changes made by others will not show</source>
        <translation>Зміни, які вносять інші, не з’являтимуться</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Changes made by others show again.</source>
        <translation>Зміни, які вносять інші, знову з’являються.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{reason}

Casefile tries again every few seconds and says so in the status bar when they show again; your own changes are saved as before.</source>
        <translation>{reason}

Casefile пробує знову кожні кілька секунд і повідомить у рядку стану, коли вони знову з’являться; ваші власні зміни зберігаються, як і раніше.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The audit trail could not be brought up to date</source>
        <translation>Журнал аудиту не вдалося оновити</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An interrupted export was settled</source>
        <translation>Перерваний експорт враховано в журналі аудиту</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+177"/>
        <source>{name} is encrypted. Its passphrase:</source>
        <translation>Справу {name} зашифровано. Введіть її парольну фразу:</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>the passphrase was not right {count} times; the case stays closed</source>
        <translation>неправильну парольну фразу введено забагато разів ({count}); справа залишається закритою</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>That passphrase is not right for {name}. Try again (%n try left):</source>
        <translation>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилася %n спроба):</numerusform>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилося %n спроби):</numerusform>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилося %n спроб):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>That passphrase is not right for {name}. Try again (%n tries left):</source>
        <translation>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилася %n спроба):</numerusform>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилося %n спроби):</numerusform>
            <numerusform>Ця парольна фраза не підходить до {name}. Спробуйте ще раз (залишилося %n спроб):</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+163"/>
        <source>Encrypted case</source>
        <translation>Зашифрована справа</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Please wait</source>
        <translation>Зачекайте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An import or export is still running; cancel it or wait for it to finish before closing the case.</source>
        <translation>Імпорт або експорт ще триває; скасуйте його або дочекайтеся завершення, перш ніж закривати справу.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A value was not saved</source>
        <translation>Значення не збережено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{incident} holds what you typed but Casefile cannot save, because it is not valid:

{lines}

Close the case anyway and lose it? Choose No to go back and correct it.</source>
        <translation>У {incident} є введене вами значення, яке Casefile не може зберегти, бо воно неправильне:

{lines}

Усе одно закрити справу й втратити його? Виберіть «Ні», щоб повернутися й виправити.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The case is saved but could not be compacted</source>
        <translation>Справу збережено, але її не вдалося ущільнити</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>A shared case on its server: {address}</source>
        <translation>Спільна справа на сервері: {address}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No recent cases</source>
        <translation>Немає недавніх справ</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The demo case could not be built</source>
        <translation>Не вдалося створити демонстраційну справу</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Verifying the audit trail and the sources&apos; fingerprints…</source>
        <translation>Перевірка журналу аудиту та цифрових відбитків джерел…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <location line="+14"/>
        <source>The work could not be finished</source>
        <translation>Не вдалося завершити роботу</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Integrity verified</source>
        <translation>Цілісність перевірено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The case does not match its fingerprints</source>
        <translation>Справа не відповідає своїм цифровим відбиткам</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Already encrypted</source>
        <translation>Уже зашифровано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is already encrypted.</source>
        <translation>Справу {name} уже зашифровано.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+7"/>
        <source>The case was not encrypted</source>
        <translation>Справу не зашифровано</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Encrypting {name}…</source>
        <translation>Шифрування {name}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recover a damaged case</source>
        <translation>Відновлення пошкодженої справи</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the recovered case as</source>
        <translation>Зберегти відновлену справу як</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Recovering {name}…</source>
        <translation>Відновлення {name}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recovery finished</source>
        <translation>Відновлення завершено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the recovered case?</source>
        <translation>Відкрити відновлену справу?</translation>
    </message>
</context>
<context>
    <name>CasefileApp</name>
    <message>
        <location line="-408"/>
        <source>{app} cases (*{suffix})</source>
        <translation>Справи {app} (*{suffix})</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop/gui/flows/exchange.py" line="+34"/>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/flows/exchange.py" line="-2"/>
        <source>Sources ({patterns})</source>
        <translation>Джерела ({patterns})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/flows/cases.py" line="+413"/>
        <source>process {pid} on {host}</source>
        <translation>процес {pid} на {host}</translation>
    </message>
</context>
<context>
    <name>CheckOutDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/check_out.py" line="+16"/>
        <source>Check out for offline work</source>
        <translation>Взяти для роботи без сервера</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} will hold the whole case, its sources&apos; originals included, for work without the server. Check it in to the server afterwards.</source>
        <translation>{name} міститиме всю справу, разом з оригіналами джерел, для роботи без сервера. Після роботи поверніть його на сервер.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encrypt the copy with a passphrase</source>
        <translation>Зашифрувати копію парольною фразою</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check out</source>
        <translation>Взяти</translation>
    </message>
</context>
<context>
    <name>CollectionRecordBox</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/collection_record.py" line="+27"/>
        <source>Tool and version</source>
        <translation>Інструмент і версія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hunchly 2.4, wget 1.21, Chrome 131 “Save as”</source>
        <translation>Hunchly 2.4, wget 1.21, Chrome 131 «Зберегти як»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture method</source>
        <translation>Спосіб збирання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full-page capture, download, screen recording</source>
        <translation>знімок усієї сторінки, завантаження, запис екрана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured at</source>
        <translation>Час знімка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2025-01-23T13:05:00Z</source>
        <translation>2025-01-23T13:05:00Z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time source</source>
        <translation>Джерело часу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the clock the time comes from: laptop, NTP</source>
        <translation>годинник, за яким узято час: ноутбук, NTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identity used</source>
        <translation>Використаний обліковий запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the account or persona the collector used</source>
        <translation>обліковий запис або образ, яким користувався збирач</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash at collection</source>
        <translation>Геш під час збирання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sha256:… taken where it was collected; checked against the file</source>
        <translation>sha256:…, узятий там, де файл зібрано; звіряється з файлом</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Collection record</source>
        <translation>Запис про збирання</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The hash matches the bytes imported.</source>
        <translation>Геш збігається з імпортованими байтами.</translation>
    </message>
</context>
<context>
    <name>CollectionRecordDialog</name>
    <message>
        <location line="+22"/>
        <source>Import with a collection record</source>
        <translation>Імпорт із записом про збирання</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How {files} were collected. A web capture&apos;s own tool and capture time are taken where you leave them empty. A hash at collection names one file.</source>
        <translation>Як зібрано {files}. Якщо інструмент і час знімка не вказано, їх беруть із самого вебзнімка. Геш під час збирання стосується одного файла.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> and {n} more</source>
        <translation> і ще {n}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>Імпортувати</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A hash taken at collection names one file: import that file on its own.</source>
        <translation>Геш, узятий під час збирання, стосується одного файла: імпортуйте цей файл окремо.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The collection record cannot be kept</source>
        <translation>Запис про збирання не можна зберегти</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <location filename="../../desktop/gui/flows/editing.py" line="+20"/>
        <source>status</source>
        <extracomment>What an undo step calls an evidence span&apos;s fields.</extracomment>
        <translation>статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credibility</source>
        <translation>достовірність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>примітку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>what it supports</source>
        <translation>що підтверджує</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incident</source>
        <translation>інцидент</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select a passage in the source first, then press E.</source>
        <translation>Спершу виділіть уривок у джерелі, потім натисніть E.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Mark evidence</source>
        <translation>Позначити доказ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{code} went back to draft: it has new evidence to review, then submit it again.</source>
        <translation>{code} повернуто в чернетку: у нього є нові докази для перевірки, потім подайте його знову.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select evidence (in the source or the evidence list) to set its status.</source>
        <translation>Виділіть доказ (у джерелі або в списку доказів), щоб установити його статус.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{refs}: {status}, but the credibility still says “{grade}”; grade it in the evidence list.</source>
        <translation>{refs}: {status}, але достовірність досі «{grade}»; оцініть її в списку доказів.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Change {fields} of %n span(s)</source>
        <translation>
            <numerusform>Змінити {fields} у %n фрагменті</numerusform>
            <numerusform>Змінити {fields} у %n фрагментах</numerusform>
            <numerusform>Змінити {fields} у %n фрагментах</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Remove %n evidence span(s)</source>
        <translation>
            <numerusform>Вилучити %n фрагмент доказів</numerusform>
            <numerusform>Вилучити %n фрагменти доказів</numerusform>
            <numerusform>Вилучити %n фрагментів доказів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New incident</source>
        <translation>Новий інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add incident</source>
        <translation>Додати інцидент</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Edit {fields} of {code}</source>
        <translation>Змінити {fields} у {code}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{code} went back to draft: submit it for review again when it is ready.</source>
        <translation>{code} повернуто в чернетку: подайте його на перевірку знову, коли він буде готовий.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{code} is signed off.</source>
        <translation>{code} затверджено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{code} is waiting for review.</source>
        <translation>{code} чекає на перевірку.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change {code}?</source>
        <translation>Змінити {code}?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changing it sends it back to draft: it must be submitted and reviewed again before a dossier of approved incidents includes it. Change it?</source>
        <translation>Зміна поверне його в чернетку: його треба буде знову подати й перевірити, перш ніж досьє затверджених інцидентів його включить. Змінити?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete {code}?</source>
        <translation>Видалити {code}?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>{code} has %n evidence span(s). They will be kept, unlinked from any incident. You can undo this.</source>
        <translation>
            <numerusform>З {code} пов’язано %n доказовий фрагмент. Докази буде збережено без зв’язку з будь-яким інцидентом. Цю дію можна скасувати.</numerusform>
            <numerusform>З {code} пов’язано %n доказові фрагменти. Докази буде збережено без зв’язку з будь-яким інцидентом. Цю дію можна скасувати.</numerusform>
            <numerusform>З {code} пов’язано %n доказових фрагментів. Докази буде збережено без зв’язку з будь-яким інцидентом. Цю дію можна скасувати.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete {code}</source>
        <translation>Видалити {code}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit source details</source>
        <translation>Змінити відомості про джерело</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit case details</source>
        <translation>Зміна відомостей про справу</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Protect a person</source>
        <translation>Захистити особу</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop protecting a person</source>
        <translation>Припинити захист особи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a protected person</source>
        <translation>Змінити дані захищеної особи</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The change was not undone or redone</source>
        <translation>Зміну не скасовано й не повторено</translation>
    </message>
</context>
<context>
    <name>EncryptCaseDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/new_case.py" line="+121"/>
        <source>Encrypt the case</source>
        <translation>Шифрування справи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case is rewritten encrypted. Copies made before, backups and the old file&apos;s blocks on the disk are not erased: for sensitive material, create cases encrypted from the start.</source>
        <translation>Справу буде перезаписано в зашифрованому вигляді. Копії, зроблені раніше, резервні копії та блоки старого файлу на диску не стираються: для чутливих матеріалів створюйте справи зашифрованими від початку.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Encrypt</source>
        <translation>Зашифрувати</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <location filename="../../desktop/gui/qtmodels/evidence_model.py" line="+90"/>
        <source>E-no.</source>
        <extracomment>Text on the light status colours: dark whatever the palette, so it stays readable. (evidence ids, changes) — e.g. ([7], {&quot;credibility&quot;: &quot;3&quot;}) or ([7], {&quot;note&quot;: &quot;…&quot;}).</extracomment>
        <translation>№</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quote</source>
        <translation>Цитата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>Інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supports</source>
        <translation>Підтверджує</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credibility</source>
        <translation>Достовірність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created by</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created at</source>
        <translation>Створено</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>p. {page}</source>
        <extracomment>Rows read at once around one the view asks for (the rows on screen, and a scroll&apos;s). A row not read yet is its SpanPlace (id, source, start: its place in the order); it is read, with those around it, when a view first asks what it shows.</extracomment>
        <translation>с. {page}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pp. {first}–{last}</source>
        <translation>с. {first}–{last}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The value the passage asserts for the fact it supports</source>
        <translation>Значення, яке стверджує уривок щодо факту, який він підтверджує</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>{title}{by} (reliability {code}: {grade})</source>
        <translation>{title}{by} (надійність {code}: {grade})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Returned: {comment}</source>
        <translation>Повернуто: {comment}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no comment)</source>
        <translation>(без зауваження)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not linked to an incident</source>
        <translation>Не пов’язано з інцидентом</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../desktop/gui/widgets/evidence_panel.py" line="+135"/>
        <source>Show spans in one verification status</source>
        <extracomment>Shown on demand (header context menu): less used, and the panel is often narrow. What the filter combos offer, by id: to tell whether a change renamed one.</extracomment>
        <translation>Показати фрагменти з одним статусом перевірки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>Усі статуси</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the evidence of one incident</source>
        <translation>Показати докази одного інциденту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the evidence marked in one source</source>
        <translation>Показати докази, позначені в одному джерелі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter quotes and notes…</source>
        <translation>Фільтр цитат і приміток…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current incident only</source>
        <translation>Лише поточний інцидент</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+236"/>
        <source>All incidents</source>
        <translation>Усі інциденти</translation>
    </message>
    <message>
        <location line="-235"/>
        <location line="+236"/>
        <source>All sources</source>
        <translation>Усі джерела</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Untitled source</source>
        <translation>Джерело без назви</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Show only the evidence of the incident selected in the navigator</source>
        <translation>Показати лише докази інциденту, вибраного в навігаторі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select an incident first</source>
        <translation>Спочатку виберіть інцидент</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>{shown} of %n span(s)</source>
        <translation>
            <numerusform>{shown} з %n фрагмента</numerusform>
            <numerusform>{shown} з %n фрагментів</numerusform>
            <numerusform>{shown} з %n фрагментів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n фрагмент</numerusform>
            <numerusform>%n фрагменти</numerusform>
            <numerusform>%n фрагментів</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../desktop/gui/flows/exchange.py" line="+26"/>
        <source>Import sources</source>
        <translation>Імпорт джерел</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a folder of sources</source>
        <translation>Імпорт теки з джерелами</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No case is open</source>
        <translation>Справу не відкрито</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open or create a case before importing sources.</source>
        <translation>Відкрийте або створіть справу, перш ніж імпортувати джерела.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to import</source>
        <translation>Нічого імпортувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No .txt, .md, .docx, .html, .mhtml, .warc, .pdf or image files were found.</source>
        <translation>Не знайдено файлів .txt, .md, .docx, .html, .mhtml, .warc, .pdf чи зображень.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Reading %n scan(s) with OCR…</source>
        <translation>
            <numerusform>Розпізнавання %n скану (OCR)…</numerusform>
            <numerusform>Розпізнавання %n сканів (OCR)…</numerusform>
            <numerusform>Розпізнавання %n сканів (OCR)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Importing %n source file(s)…</source>
        <translation>
            <numerusform>Імпортується %n файл джерела…</numerusform>
            <numerusform>Імпортуються %n файли джерел…</numerusform>
            <numerusform>Імпортується %n файлів джерел…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The work could not be finished</source>
        <translation>Не вдалося завершити роботу</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import cancelled</source>
        <translation>Імпорт скасовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was imported: the case is as it was.</source>
        <translation>Нічого не імпортовано: справа залишилася без змін.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n source(s) imported.</source>
        <translation>
            <numerusform>Імпортовано %n джерело.</numerusform>
            <numerusform>Імпортовано %n джерела.</numerusform>
            <numerusform>Імпортовано %n джерел.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An import is not undone: a source stays in the case with its custody record.</source>
        <translation>Імпорт не скасовується: джерело залишається у справі разом із записом про його збереження.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n already in the case (same bytes), skipped:</source>
        <translation>
            <numerusform>%n файл уже є у справі (ті самі байти), пропущено:</numerusform>
            <numerusform>%n файли вже є у справі (ті самі байти), пропущено:</numerusform>
            <numerusform>%n файлів уже є у справі (ті самі байти), пропущено:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} — same as “{title}”</source>
        <translation>{file} — те саме, що й «{title}»</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n could not be imported:</source>
        <translation>
            <numerusform>%n файл не вдалося імпортувати:</numerusform>
            <numerusform>%n файли не вдалося імпортувати:</numerusform>
            <numerusform>%n файлів не вдалося імпортувати:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import finished</source>
        <translation>Імпорт завершено</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n scan(s) not imported.</source>
        <translation>
            <numerusform>%n скан не імпортовано.</numerusform>
            <numerusform>%n скани не імпортовано.</numerusform>
            <numerusform>%n сканів не імпортовано.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OCR is not available</source>
        <translation>Розпізнавання тексту (OCR) недоступне</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+110"/>
        <location line="+96"/>
        <location line="+57"/>
        <source>Writing {name}…</source>
        <translation>Запис {name}…</translation>
    </message>
    <message>
        <location line="-261"/>
        <location line="+35"/>
        <source>The dossier was not written</source>
        <translation>Досьє не записано</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>full</source>
        <translation>повна</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>redacted</source>
        <translation>знеособлена</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Dossier written</source>
        <translation>Досьє записано</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>{path}

{incidents}, {spans}, {edition} edition.
SHA-256 of the file: {sha256}

The export is recorded in the case&apos;s history with this fingerprint.</source>
        <translation>{path}

{incidents}, {spans}, {edition} редакція.
SHA-256 файлу: {sha256}

Експорт записано в історію справи разом із цим цифровим відбитком.</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Import sources with a collection record</source>
        <translation>Імпорт джерел із записом про збирання</translation>
    </message>
    <message numerus="yes">
        <location line="+123"/>
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n інцидент</numerusform>
            <numerusform>%n інциденти</numerusform>
            <numerusform>%n інцидентів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n evidence span(s)</source>
        <translation>
            <numerusform>%n доказовий фрагмент</numerusform>
            <numerusform>%n доказові фрагменти</numerusform>
            <numerusform>%n доказових фрагментів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No PDF: {reason}</source>
        <translation>Без PDF: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF/A beside it: {path}
SHA-256 of the PDF: {sha256}</source>
        <translation>PDF/A поруч: {path}
SHA-256 цього PDF: {sha256}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF beside it (this LibreOffice does not offer PDF/A): {path}
SHA-256 of the PDF: {sha256}</source>
        <translation>PDF поруч (цей LibreOffice не вміє PDF/A): {path}
SHA-256 цього PDF: {sha256}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+204"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Експорт скасовано; файл не записано.</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>The redacted edition was not written.</source>
        <translation>Знеособлену редакцію не записано.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add spellings of {pseudonym}</source>
        <translation>Додати написання для {pseudonym}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Full or redacted?</source>
        <translation>Повна чи знеособлена редакція?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write {what} as the redacted edition, with every protected person&apos;s name replaced by their pseudonym (W-001, V-001, P-001)?

Yes: redacted, for anyone outside the team.
No: the full edition, with the names.</source>
        <translation>Записати {what} у знеособленій редакції, де ім’я кожної захищеної особи замінено її псевдонімом (W-001, V-001, P-001)?

Так: знеособлена редакція, для всіх поза командою.
Ні: повна редакція, з іменами.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export annotations</source>
        <translation>Експорт анотацій</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>W3C Web Annotations (*.jsonld *.json)</source>
        <translation>Вебанотації W3C (*.jsonld *.json)</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>the annotations</source>
        <translation>анотації</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Wrote %n redacted annotation(s) to {name}</source>
        <translation>
            <numerusform>Записано %n знеособлену анотацію у файл {name}</numerusform>
            <numerusform>Записано %n знеособлені анотації у файл {name}</numerusform>
            <numerusform>Записано %n знеособлених анотацій у файл {name}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Wrote %n annotation(s) to {name}</source>
        <translation>
            <numerusform>Записано %n анотацію у файл {name}</numerusform>
            <numerusform>Записано %n анотації у файл {name}</numerusform>
            <numerusform>Записано %n анотацій у файл {name}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The annotations were not written</source>
        <translation>Анотації не записано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import annotations</source>
        <translation>Імпорт анотацій</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hypothesis export (*.json)</source>
        <translation>Експорт Hypothesis (*.json)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hypothesis export</source>
        <translation>Експорт Hypothesis</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing {name}…</source>
        <translation>Імпорт {name}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The annotations were not imported</source>
        <translation>Анотації не імпортовано</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not placed (nothing was written for these):</source>
        <translation>Не прив’язано до тексту (для цих анотацій нічого не записано):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annotations imported</source>
        <translation>Анотації імпортовано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export registers into a folder</source>
        <translation>Експорт реєстрів до теки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the registers</source>
        <translation>реєстри</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Redacted registers written</source>
        <translation>Знеособлені реєстри записано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registers written</source>
        <translation>Реєстри записано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the registers…</source>
        <translation>Запис реєстрів…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The registers were not written</source>
        <translation>Реєстри не записано</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export disclosure package</source>
        <translation>Експортувати пакет розкриття</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disclosure package (*.zip)</source>
        <translation>Пакет розкриття (*.zip)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the disclosure package</source>
        <translation>пакет розкриття</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Include drafts?</source>
        <translation>Включити чернетки?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include the incidents not yet approved (marked DRAFT in the dossier)?</source>
        <translation>Включити ще не схвалені інциденти (у досьє їх буде позначено як ЧЕРНЕТКА)?</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+30"/>
        <source>The disclosure package was not written</source>
        <translation>Пакет розкриття не записано</translation>
    </message>
    <message numerus="yes">
        <location line="-25"/>
        <source>%n file(s) in the package.</source>
        <translation>
            <numerusform>%n файл у пакеті.</numerusform>
            <numerusform>%n файли в пакеті.</numerusform>
            <numerusform>%n файлів у пакеті.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n original(s) of the cited sources.</source>
        <translation>
            <numerusform>%n оригінал цитованих джерел.</numerusform>
            <numerusform>%n оригінали цитованих джерел.</numerusform>
            <numerusform>%n оригіналів цитованих джерел.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left out, as they could name a protected person (listed in the manifest): {sources}</source>
        <translation>Пропущено, бо вони можуть називати захищену особу (перелічено в маніфесті): {sources}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No PDF: {reason}.</source>
        <translation>Без PDF: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 of the package: {sha256}

The export is recorded in the case&apos;s history with this fingerprint.</source>
        <translation>SHA-256 пакета: {sha256}

Експорт записано в історію справи разом із цим цифровим відбитком.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disclosure package written</source>
        <translation>Пакет розкриття записано</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save a copy for hand-over</source>
        <translation>Збереження копії для передавання</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy saved</source>
        <translation>Копію збережено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}

SHA-256 {sha256}

A manifest with this fingerprint, the counts and the audit chain head is beside it ({manifest}).</source>
        <translation>{path}

SHA-256 {sha256}

Поруч лежить маніфест із цим цифровим відбитком, кількістю записів і останньою ланкою ланцюжка журналу аудиту ({manifest}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+48"/>
        <source>The copy was not written</source>
        <translation>Копію не записано</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Merge review from a returned copy</source>
        <translation>Об’єднання результатів рецензування з повернутої копії</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Merging the review from {name}…</source>
        <translation>Об’єднання результатів рецензування з {name}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The review was not merged</source>
        <translation>Результати рецензування не об’єднано</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} for the field</source>
        <translation>{name} для роботи в полі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check out for offline work</source>
        <translation>Взяти для роботи без сервера</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checked out</source>
        <translation>Справу взято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path}

SHA-256 {sha256}

Its manifest is beside it ({manifest}). Check the file in to this shared case when the work is done (File → Check in to server…).</source>
        <translation>{path}

SHA-256 {sha256}

Її маніфест поруч ({manifest}). Коли роботу завершено, поверніть файл до цієї спільної справи (Файл → Повернути на сервер…).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking out into {name}…</source>
        <translation>Справа записується в {name}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not a checked-out case</source>
        <translation>Справу не взято з сервера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} was not checked out from a shared case; there is nothing to check in.</source>
        <translation>{name} не взято зі спільної справи: повертати на сервер нічого.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>Check in to server</source>
        <translation>Повернути на сервер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is encrypted. Its passphrase:</source>
        <translation>Справу {name} зашифровано. Введіть її парольну фразу:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking in {name}…</source>
        <translation>{name} повертається на сервер…</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+6"/>
        <source>The copy was not checked in</source>
        <translation>Копію не повернуто на сервер</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>The shared case that {name} was checked out from (the password comes from your .pgpass or service file):</source>
        <translation>Спільна справа, з якої взято {name} (пароль береться з вашого .pgpass або файлу служби):</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Conflicts (left for a person to decide):</source>
        <translation>Конфлікти (залишено на рішення людини):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked in</source>
        <translation>Справу повернуто на сервер</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Conflicts (left as they are here):</source>
        <translation>Конфлікти (тут залишено без змін):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review merged</source>
        <translation>Результати рецензування об’єднано</translation>
    </message>
</context>
<context>
    <name>ExportDossierDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/export_dossier.py" line="+47"/>
        <location line="+132"/>
        <source>Export dossier</source>
        <translation>Експорт досьє</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Approved incidents only</source>
        <translation>Лише схвалені інциденти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All incidents (those not approved are marked DRAFT)</source>
        <translation>Усі інциденти (несхвалені буде позначено як чернетки)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected incidents:</source>
        <translation>Вибрані інциденти:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Approved incidents only (none is approved yet)</source>
        <translation>Лише схвалені інциденти (жодного ще не схвалено)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Incidents</source>
        <translation>Інциденти</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full edition</source>
        <translation>Повна редакція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redacted edition</source>
        <translation>Знеособлена редакція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protected names are replaced by their pseudonyms, in quotes too, and the URLs of confidential sources are left out.</source>
        <translation>Імена захищених осіб замінено їхніми псевдонімами, також у цитатах, а вебадреси конфіденційних джерел пропущено.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edition</source>
        <translation>Редакція</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Include the audit annex (the case&apos;s change history)</source>
        <translation>Додати додаток аудиту (історію змін справи)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language of the dossier</source>
        <translation>Мова досьє</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also write a PDF (PDF/A, the contents with page numbers, made by LibreOffice)</source>
        <translation>Також записати PDF (PDF/A, зміст із номерами сторінок; робить LibreOffice)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LibreOffice is not installed, so no PDF can be written: install LibreOffice Writer to have one.</source>
        <translation>LibreOffice не встановлено, тож PDF записати не вийде: щоб мати його, установіть LibreOffice Writer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose…</source>
        <translation>Вибрати…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as</source>
        <translation>Зберегти як</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export</source>
        <translation>Експортувати</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Tick at least one incident, or choose another option.</source>
        <translation>Позначте хоча б один інцидент або виберіть інший варіант.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No incident is approved yet: include drafts, or have incidents signed off first.</source>
        <translation>Жодного інциденту ще не схвалено: включіть чернетки або спершу схваліть інциденти.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the dossier as a Word file ending in .docx.</source>
        <translation>Збережіть досьє як файл Word із закінченням .docx.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder {folder} does not exist.</source>
        <translation>Теки {folder} не існує.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace the earlier dossier?</source>
        <translation>Замінити попереднє досьє?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} exists already. The case&apos;s history recorded its fingerprint when it was exported; a new dossier under the same name replaces it for good. Replace it? Choose No to pick another name.</source>
        <translation>{name} уже існує. Історія справи записала його відбиток під час експорту; нове досьє з тією самою назвою замінить його назавжди. Замінити? Виберіть «Ні», щоб вибрати іншу назву.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Word documents (*.docx)</source>
        <translation>Документи Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>Flow</name>
    <message>
        <location filename="../../desktop/gui/flows/base.py" line="+71"/>
        <source>The change was not made</source>
        <translation>Зміну не внесено</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../desktop/gui/qtmodels/history_model.py" line="+30"/>
        <source>When (UTC)</source>
        <extracomment>How many entries the panel shows; the whole trail is in the case and in the dossier annex.</extracomment>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Що</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Before:
{before}

After:
{after}</source>
        <translation>До:
{before}

Після:
{after}</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../desktop/gui/widgets/incident_form.py" line="+51"/>
        <source>Select or add an incident in the list on the left</source>
        <translation>Виберіть або додайте інцидент у списку ліворуч</translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+16"/>
        <source>source {id}</source>
        <extracomment>What the form shows: the editable facts, and the workflow state that only review moves.</extracomment>
        <translation>джерело {id}</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Sources disagree: </source>
        <translation>Джерела розходяться: </translation>
    </message>
    <message>
        <location line="+208"/>
        <source>Use mine</source>
        <translation>Зберегти моє</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put it back</source>
        <translation>Повернути все одно</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{who} saved “{value}” at {when}</source>
        <translation>«{value}» збережено ({who}, {when})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone saved “{value}”</source>
        <translation>Збережено інше значення: «{value}»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>what you typed, “{yours}”, was not saved</source>
        <translation>введене вами «{yours}» не збережено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you emptied it; that was not saved</source>
        <translation>ви очистили поле, але це не збережено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{yours}” was not put back</source>
        <translation>«{yours}» не повернуто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it was not emptied again</source>
        <translation>поле не очищено знову</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Enter a number, e.g. 48.1 (or leave it empty).</source>
        <translation>Введіть число, напр. 48,1 (або залиште поле порожнім).</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>No evidence yet: mark a passage in a source and link it here.</source>
        <translation>Доказів ще немає: позначте уривок у джерелі й пов’яжіть його з цим фактом.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n evidence span(s) — click to go to one</source>
        <translation>
            <numerusform>%n доказовий фрагмент — натисніть, щоб перейти до нього</numerusform>
            <numerusform>%n доказові фрагменти — натисніть, щоб перейти до одного з них</numerusform>
            <numerusform>%n доказових фрагментів — натисніть, щоб перейти до одного з них</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Use “{value}” ({ref})</source>
        <translation>Взяти «{value}» ({ref})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>from {refs}</source>
        <translation>взято з {refs}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Taken from {ref}: “{quote}”</source>
        <translation>Взято з {ref}: «{quote}»</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>✓ supported</source>
        <translation>✓ підтверджено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>! contested</source>
        <translation>! оспорюється</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+357"/>
        <source>open</source>
        <translation>бракує</translation>
    </message>
    <message>
        <location line="-357"/>
        <source>linked, not verified</source>
        <translation>пов’язано, не перевірено</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n independent line(s) of evidence</source>
        <translation>
            <numerusform>%n незалежна лінія доказів</numerusform>
            <numerusform>%n незалежні лінії доказів</numerusform>
            <numerusform>%n незалежних ліній доказів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{ref} is graded as confirmed by other sources, but no independent line agrees</source>
        <translation>{ref} оцінено як підтверджене іншими джерелами, але жодна незалежна лінія доказів цього не підтверджує</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Evidence for {fact}</source>
        <translation>Докази для: {fact}</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short name for the incident</source>
        <translation>Коротка назва інциденту</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>YYYY-MM-DD</source>
        <translation>РРРР-ММ-ДД</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>end, if a range</source>
        <translation>дата кінця</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event date</source>
        <translation>Дата події</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <comment>a range of dates</comment>
        <translation>до</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Precision</source>
        <translation>Точність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time (local, 24-hour)</source>
        <translation>Час (місцевий, 24-годинний)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HH:MM</source>
        <translation>ГГ:ХХ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date reported (not the event date)</source>
        <translation>Дата повідомлення (не дата події)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When a source first reported it; often days after the event.</source>
        <translation>Коли джерело вперше про це повідомило; часто через кілька днів після події.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Where</source>
        <translation>Де</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Місце</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Village, town or landmark</source>
        <translation>Село, місто або орієнтир</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alternative spellings (one per line)</source>
        <translation>Інші написання (по одному в рядку)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Niu-York</source>
        <translation>напр. Нью Йорк</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Область</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. Donetsk region</source>
        <translation>напр. Донецька область</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Country</source>
        <translation>Країна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude</source>
        <translation>Широта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude</source>
        <translation>Довгота</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinates (decimal degrees)</source>
        <translation>Координати (десяткові градуси)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinates source</source>
        <translation>Джерело координат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. geolocated from video</source>
        <translation>напр. геолокація за відео</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Victims</source>
        <translation>Потерпілі</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>невідомо</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count (at least – at most)</source>
        <translation>Кількість (щонайменше – щонайбільше)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Named persons (optional)</source>
        <translation>Особи, названі на ім’я (необов’язково)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>One per line; use pseudonyms (V-001)</source>
        <translation>По одній у рядку; використовуйте псевдоніми (V-001)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Perpetrator</source>
        <translation>Виконавці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force</source>
        <translation>Сили</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Russian armed forces</source>
        <translation>напр. збройні сили РФ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One per line; use pseudonyms (P-001)</source>
        <translation>По одній у рядку; використовуйте псевдоніми (P-001)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Narrative</source>
        <translation>Опис подій</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened, as the sources tell it</source>
        <translation>Що сталося, як про це розповідають джерела</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Legal qualification</source>
        <translation>Правова кваліфікація</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Typical means of proof: {proof}</source>
        <translation>Типові засоби доказування: {proof}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Proof: {proof}</source>
        <translation>Доказування: {proof}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Workflow</source>
        <translation>Робочий процес</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reviewer&apos;s comment when returned</source>
        <translation>Зауваження рецензента в разі повернення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comment</source>
        <translation>Зауваження</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use Incident → Submit for review; a reviewer approves or returns it. Changing a submitted or signed-off incident sends it back to draft.</source>
        <translation>Скористайтеся «Інцидент → Надіслати на рецензування»; рецензент схвалює або повертає його. Зміна поданого чи затвердженого інциденту повертає його в чернетку.</translation>
    </message>
</context>
<context>
    <name>IncidentsModel</name>
    <message>
        <location filename="../../desktop/gui/qtmodels/incidents_model.py" line="+40"/>
        <source>Code</source>
        <extracomment>An inline edit of a title: (incident id, new title). The model itself never writes.</extracomment>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Бракує</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Open elements: legal elements that no usable evidence covers yet</source>
        <translation>Бракує: правові елементи, які ще не підкріплені жодним придатним доказом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence spans linked to the incident</source>
        <translation>Доказові фрагменти, пов’язані з інцидентом</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n evidence span(s) linked.</source>
        <translation>
            <numerusform>Пов’язано %n доказовий фрагмент.</numerusform>
            <numerusform>Пов’язано %n доказові фрагменти.</numerusform>
            <numerusform>Пов’язано %n доказових фрагментів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open elements:</source>
        <translation>Непідкріплені елементи:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/widgets/main_window.py" line="+84"/>
        <source>Case</source>
        <translation>Справа</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Search</source>
        <translation>Пошук</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Incident</source>
        <translation>Інцидент</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review</source>
        <translation>Рецензування</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+2"/>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Sources and incidents</source>
        <translation>Джерела та інциденти</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History</source>
        <translation>Історія</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавні справи</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Main</source>
        <translation>Головна панель</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statuses</source>
        <translation>Статуси</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>No case open</source>
        <translation>Справу не відкрито</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} {status}</source>
        <comment>evidence in a status: 3 verified</comment>
        <translation>{status}: {count}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n джерело</numerusform>
            <numerusform>%n джерела</numerusform>
            <numerusform>%n джерел</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n інцидент</numerusform>
            <numerusform>%n інциденти</numerusform>
            <numerusform>%n інцидентів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n evidence</source>
        <comment>spans of evidence</comment>
        <translation>
            <numerusform>%n доказ</numerusform>
            <numerusform>%n докази</numerusform>
            <numerusform>%n доказів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No case is open. {new} creates one; {open} opens one.</source>
        <translation>Жодну справу не відкрито. {new} створює справу; {open} відкриває її.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No source yet. Import one with {path} ({keys}), or drop files on the window.</source>
        <translation>Джерел ще немає. Імпортуйте джерело через {path} ({keys}) або перетягніть файли у вікно.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a source from the list on the left</source>
        <translation>Відкрийте джерело зі списку ліворуч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a source in the list on the left to read it here, beside the other</source>
        <translation>Клацніть джерело в списку ліворуч, щоб читати його тут, поруч з іншим</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select or add an incident in the list on the left</source>
        <translation>Виберіть або додайте інцидент у списку ліворуч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No incident yet. Add one with Add under the incidents list or {path} ({keys}).</source>
        <translation>Інцидентів ще немає. Додайте інцидент кнопкою «Додати» під списком інцидентів або через {path} ({keys}).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Working as {name}</source>
        <translation>Користувач: {name}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Shared case on {server}, as {role}</source>
        <translation>Спільна справа на {server}, роль {role}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everyone on the case works on it at once; the server records your changes as its role {role}</source>
        <translation>Усі учасники працюють над справою одночасно; сервер записує ваші зміни від імені ролі {role}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked-out copy</source>
        <translation>Взята копія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A copy of the shared case on {server}, for offline work: File → Check in to server… brings its work back</source>
        <translation>Копія спільної справи на {server} для роботи без сервера: Файл → Повернути на сервер… повертає зроблене в ній</translation>
    </message>
</context>
<context>
    <name>MarkEvidenceDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/mark_evidence.py" line="+54"/>
        <source>Mark as evidence</source>
        <translation>Позначити як доказ</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>— not linked to an incident —</source>
        <translation>— без зв’язку з інцидентом —</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the value this passage asserts, e.g. 16 or 2024-09-06</source>
        <translation>значення, яке стверджує уривок, напр. 16 або 2024-09-06</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>who counted or stated it, if not the source&apos;s originator</source>
        <translation>хто це порахував чи заявив, якщо не першоджерело джерела</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from (YYYY-MM)</source>
        <translation>з (РРРР-ММ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to, or as of</source>
        <translation>по, або станом на</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in words, e.g. 2024 only</source>
        <translation>словами, напр. лише 2024</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Incident</source>
        <translation>Інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supports</source>
        <translation>Підтверджує</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asserted value</source>
        <translation>Стверджуване значення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Originated by</source>
        <translation>Першоджерело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Період</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credibility</source>
        <translation>Достовірність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark</source>
        <translation>Позначити</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Fill the form: {fields}</source>
        <translation>Заповнити форму: {fields}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The form says {old} now: tick to replace it.</source>
        <translation>Зараз у формі: {old}. Позначте, щоб замінити.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The value of {fact} in the incident form, taken from this passage</source>
        <translation>Значення «{fact}» у формі інциденту, взяте з цього уривка</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../desktop/gui/widgets/navigator.py" line="+197"/>
        <source>Sources</source>
        <extracomment>More changed rows than this at once: fit to the rows on screen instead.</extracomment>
        <translation>Джерела</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter sources…</source>
        <translation>Фільтр джерел…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Incidents</source>
        <translation>Інциденти</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>Додати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an incident to the case</source>
        <translation>Додати інцидент до справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename</source>
        <translation>Перейменувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the title of the selected incident (F2)</source>
        <translation>Змінити назву вибраного інциденту (F2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Видалити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected incident; its evidence is kept (Del)</source>
        <translation>Видалити вибраний інцидент; його докази зберігаються (Del)</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Open</source>
        <translation>Відкрити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit source details…</source>
        <translation>Редагувати відомості про джерело…</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Sources ({shown} of {total})</source>
        <translation>Джерела ({shown} з {total})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources ({total})</source>
        <translation>Джерела ({total})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Incidents ({count})</source>
        <translation>Інциденти ({count})</translation>
    </message>
</context>
<context>
    <name>NearMissesDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/near_misses.py" line="+37"/>
        <source>Names that may not be redacted</source>
        <translation>Імена, які можуть лишитися не заміненими</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n word(s) in the redacted edition look like a protected person&apos;s name but would not be replaced by a pseudonym. Tick the real names among them to add them as spellings of that person.</source>
        <translation>
            <numerusform>%n слово в знеособленій редакції схоже на ім’я захищеної особи, але не буде замінене псевдонімом. Позначте справжні імена серед них, щоб додати їх як написання цієї особи.</numerusform>
            <numerusform>%n слова в знеособленій редакції схожі на ім’я захищеної особи, але не будуть замінені псевдонімом. Позначте справжні імена серед них, щоб додати їх як написання цієї особи.</numerusform>
            <numerusform>%n слів у знеособленій редакції схожі на ім’я захищеної особи, але не будуть замінені псевдонімом. Позначте справжні імена серед них, щоб додати їх як написання цієї особи.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{word}” looks like {pseudonym}, in {where}: …{context}…</source>
        <translation>«{word}» схоже на ім’я {pseudonym} ({where}): …{context}…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add the ticked words as spellings and check again</source>
        <translation>Додати позначені слова як написання й перевірити знову</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write with these words as they are</source>
        <translation>Записати з цими словами як є</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/new_case.py" line="-67"/>
        <source>New case</source>
        <translation>Нова справа</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. UA-POW-2024-017</source>
        <translation>напр. UA-POW-2024-017</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encrypt this case with a passphrase</source>
        <translation>Зашифрувати цю справу парольною фразою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Реєстраційний номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classification</source>
        <translation>Рівень доступу</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encryption protects the case file if the laptop is lost or seized. Nobody can open it without the passphrase — keep it safe; it cannot be recovered.</source>
        <translation>Шифрування захищає файл справи, якщо ноутбук загублено або вилучено. Без парольної фрази його не відкриє ніхто — зберігайте її надійно: відновити її неможливо.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Encryption needs the optional SQLCipher support: pip install &apos;casefile[encryption]&apos;.</source>
        <translation>Для шифрування потрібна необов’язкова підтримка SQLCipher: pip install &apos;casefile[encryption]&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create</source>
        <translation>Створити</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Give the case a title.</source>
        <translation>Дайте справі назву.</translation>
    </message>
</context>
<context>
    <name>OcrDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/ocr.py" line="+32"/>
        <source>Read scans with OCR</source>
        <translation>Розпізнати скани (OCR)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) without text, scans or images: {files}. Casefile can read the text on their pages with OCR (Tesseract); the files stay as they are, as the evidentiary copy.</source>
        <translation>
            <numerusform>%n файл без тексту, скан чи зображення: {files}. Casefile може розпізнати текст на його сторінках (OCR, Tesseract); сам файл залишиться незмінним як доказова копія.</numerusform>
            <numerusform>%n файли без тексту, скани чи зображення: {files}. Casefile може розпізнати текст на їхніх сторінках (OCR, Tesseract); самі файли залишаться незмінними як доказова копія.</numerusform>
            <numerusform>%n файлів без тексту, скани чи зображення: {files}. Casefile може розпізнати текст на їхніх сторінках (OCR, Tesseract); самі файли залишаться незмінними як доказова копія.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ukrainian</source>
        <translation>українська</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Russian</source>
        <translation>російська</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>англійська</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>other Tesseract codes, e.g. deu fra</source>
        <translation>інші коди Tesseract, напр. deu fra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Languages on the pages</source>
        <translation>Мови на сторінках</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Read with OCR</source>
        <translation>Розпізнати</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tick a language, or type Tesseract&apos;s codes of three letters (deu, fra, pol).</source>
        <translation>Позначте мову або введіть трилітерні коди Tesseract (deu, fra, pol).</translation>
    </message>
</context>
<context>
    <name>PageImagePane</name>
    <message>
        <location filename="../../desktop/gui/widgets/page_image.py" line="+55"/>
        <source>Previous page</source>
        <translation>Попередня сторінка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next page</source>
        <translation>Наступна сторінка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the page at its printed size (else as wide as the pane)</source>
        <translation>Показати сторінку в друкованому розмірі (інакше — на всю ширину панелі)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Drawing page {page}…</source>
        <translation>Малюємо сторінку {page}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawing the page…</source>
        <translation>Малюємо сторінку…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the text of page {page} of {pages}…</source>
        <translation>Читаємо текст сторінки {page} з {pages}…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This page could not be drawn.</source>
        <translation>Цю сторінку не вдалося показати.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Page {page} of {pages}</source>
        <translation>Сторінка {page} з {pages}</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/new_case.py" line="-70"/>
        <source>at least {count} characters; a few words</source>
        <translation>щонайменше {count} символів; кілька слів</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase</source>
        <translation>Парольна фраза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again</source>
        <comment>the passphrase typed a second time</comment>
        <translation>Ще раз</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Use a passphrase of at least {count} characters.</source>
        <translation>Використайте парольну фразу щонайменше з {count} символів.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passphrases differ.</source>
        <translation>Парольні фрази не збігаються.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/preferences.py" line="+24"/>
        <source>Preferences</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>as it should appear in the case&apos;s history</source>
        <translation>як воно має відображатися в історії справи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow the system</source>
        <translation>Як у системі</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your name</source>
        <translation>Ваше ім’я</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language</source>
        <translation>Мова інтерфейсу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name is recorded with every change you make to a case. A new interface language applies after Casefile is restarted.</source>
        <translation>Ваше ім’я записується з кожною зміною, яку ви вносите до справи. Нова мова інтерфейсу застосовується після перезапуску Casefile.</translation>
    </message>
</context>
<context>
    <name>ProtectedPeopleDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/protected_people.py" line="+44"/>
        <source>Protected people</source>
        <extracomment>person id, {consent, risk_note, statements} or {spellings, excluded_forms}</extracomment>
        <translation>Захищені особи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Names of witnesses and of people not publicly named. Each is marked in the sources and replaced by its pseudonym in redacted dossiers — in quotes too. Give every spelling the sources use, one per line.</source>
        <translation>Імена свідків та осіб, яких не названо публічно. Кожне ім’я позначається в джерелах і замінюється псевдонімом у знеособлених досьє — зокрема й у цитатах. Наведіть усі написання, що трапляються в джерелах, по одному в рядку.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pseudonym</source>
        <translation>Псевдонім</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+18"/>
        <location line="+47"/>
        <source>Spellings</source>
        <translation>Написання</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Consent to be named</source>
        <translation>Згода на згадування імені</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Statements</source>
        <translation>Показання</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Consent</source>
        <translation>Згода</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Oleksandr Marchenko
О. Марченко</source>
        <translation>Олександр Марченко
О. Марченко
Марченко О. В.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protect</source>
        <translation>Захистити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop protecting the selected person</source>
        <translation>Зняти захист із вибраної особи</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protect another person</source>
        <translation>Захистити ще одну особу</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The selected person</source>
        <translation>Вибрана особа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent, risk, statements</source>
        <translation>Згода, ризик, свідчення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name forms</source>
        <translation>Форми імені</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save spellings and forms</source>
        <translation>Зберегти написання й форми</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What endangers this person if they are identified (kept in the case only)</source>
        <translation>Що загрожує цій особі, якщо її впізнають (зберігається лише у справі)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save consent, risk and statements</source>
        <translation>Зберегти згоду, ризик і показання</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Risk</source>
        <translation>Ризик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements already given</source>
        <translation>Уже надані показання</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Also matches {matched} forms of these spellings (every grammatical case, both scripts, with initials). Untick a form that is also a common word to stop replacing it; the spellings as written are always replaced.</source>
        <translation>Також збігається з {matched} формами цих написань (усі відмінки, обидві абетки, з ініціалами). Зніміть позначку з форми, яка є також звичайним словом, щоб її більше не замінювати; написання, як їх введено, замінюються завжди.</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../desktop/gui/flows/review.py" line="+184"/>
        <source>The review card now shows the span you selected; press again to decide on it.</source>
        <translation>Картка рецензування тепер показує вибраний вами фрагмент; натисніть ще раз, щоб ухвалити щодо нього рішення.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+61"/>
        <source>Approve {code}</source>
        <translation>Схвалити {code}</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Return evidence</source>
        <translation>Повернення доказу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is {code} returned? The documenter sees this comment.</source>
        <translation>Чому {code} повертається? Документувальник побачить це зауваження.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+40"/>
        <source>Return {code}</source>
        <translation>Повернути {code}</translation>
    </message>
    <message numerus="yes">
        <location line="-23"/>
        <source>Resubmit %n span(s)</source>
        <translation>
            <numerusform>Повторно подати %n фрагмент</numerusform>
            <numerusform>Повторно подати %n фрагменти</numerusform>
            <numerusform>Повторно подати %n фрагментів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select an incident first.</source>
        <translation>Спочатку виберіть інцидент.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return incident</source>
        <translation>Повернення інциденту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the incident returned?</source>
        <translation>Чому інцидент повертається?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Submit {code}</source>
        <translation>Подати {code} на перевірку</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sign off the incident</source>
        <translation>Затвердити інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These are not supported by approved, verified evidence:
{listed}

Why is the incident signed off as it is? The dossier prints your reason.</source>
        <translation>Ці факти чи елементи не підтверджено схваленими, перевіреними доказами:
{listed}

Чому інцидент затверджується таким? Досьє наведе ваше пояснення.</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../desktop/gui/widgets/review_panel.py" line="+38"/>
        <source>Returned earlier: {comment}</source>
        <translation>Раніше повернуто: {comment}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not linked to an incident</source>
        <translation>Не пов’язано з інцидентом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no fact</source>
        <translation>факт не вказано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grade {grade}</source>
        <translation>оцінка {grade}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>marked by {name} on {date}</source>
        <translation>позначено: {name}, {date}</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Comment for the documenter (needed to return)</source>
        <extracomment>The panel&apos;s parts, built the first time the panel is shown or one of them is asked for: the Review dock is hidden when the window first paints (outside review mode). Shown while several spans are selected: which one a decision is for.</extracomment>
        <translation>Зауваження для документувальника (потрібне, щоб повернути)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Approve</source>
        <translation>Схвалити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return with comment</source>
        <translation>Повернути із зауваженням</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Submit incident for review</source>
        <translation>Надіслати на рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve incident</source>
        <translation>Схвалити інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return incident with comment</source>
        <translation>Повернути інцидент</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Selected, not waiting for review: it is {state}.</source>
        <translation>Вибраний фрагмент не очікує рецензування: {state}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 of {count} selected: Approve and Return act on {code} only, the span shown here.</source>
        <translation>Вибрано 1 з {count}: «Схвалити» і «Повернути» діють лише на {code} — фрагмент, показаний тут.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No span in the evidence list is waiting for review.</source>
        <translation>Жоден фрагмент у списку доказів не очікує рецензування.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n span(s) waiting for review are hidden by the evidence list&apos;s filters or its “Current incident only” box. Clear them to review those spans.</source>
        <translation>
            <numerusform>%n фрагмент, що очікує рецензування, приховано фільтрами списку доказів або прапорцем «Лише поточний інцидент». Скиньте фільтри або зніміть прапорець, щоб рецензувати приховане.</numerusform>
            <numerusform>%n фрагменти, що очікують рецензування, приховано фільтрами списку доказів або прапорцем «Лише поточний інцидент». Скиньте фільтри або зніміть прапорець, щоб рецензувати приховане.</numerusform>
            <numerusform>%n фрагментів, що очікують рецензування, приховано фільтрами списку доказів або прапорцем «Лише поточний інцидент». Скиньте фільтри або зніміть прапорець, щоб рецензувати приховане.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No evidence is waiting for review.</source>
        <translation>Немає доказів, що очікують рецензування.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every span has been reviewed. Returned spans come back here when their documenter resubmits them.</source>
        <translation>Усі фрагменти прорецензовано. Повернуті фрагменти з’являться тут знову, коли документувальник надішле їх повторно.</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Pending {number} of {total}</source>
        <translation>Очікує: {number} з {total}</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Previous pending span (P)</source>
        <translation>Попередній фрагмент, що очікує рецензування (P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous pending span</source>
        <translation>Попередній фрагмент, що очікує рецензування</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next pending span (N)</source>
        <translation>Наступний фрагмент, що очікує рецензування (N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next pending span</source>
        <translation>Наступний фрагмент, що очікує рецензування</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Select an incident to submit or sign it off.</source>
        <translation>Виберіть інцидент, щоб надіслати його на рецензування або остаточно схвалити.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{code} is {state}; %n span(s) not yet approved.</source>
        <translation>
            <numerusform>{code} — {state}; ще не схвалено %n фрагмент.</numerusform>
            <numerusform>{code} — {state}; ще не схвалено %n фрагменти.</numerusform>
            <numerusform>{code} — {state}; ще не схвалено %n фрагментів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{code} is {state}; all its evidence is approved.</source>
        <translation>{code} — {state}; усі його докази схвалено.</translation>
    </message>
</context>
<context>
    <name>Scales</name>
    <message>
        <location filename="../../desktop/gui/widgets/scale_words.py" line="+16"/>
        <source>Completely reliable</source>
        <translation>Повністю надійне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No doubt of authenticity, trustworthiness or competence.</source>
        <translation>Немає сумнівів щодо автентичності, довіри чи компетентності.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usually reliable</source>
        <translation>Зазвичай надійне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor doubt; a history of mostly valid information.</source>
        <translation>Незначні сумніви; здебільшого надавало достовірну інформацію.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fairly reliable</source>
        <translation>Досить надійне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doubt; has provided valid information in the past.</source>
        <translation>Є сумніви; у минулому надавало достовірну інформацію.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not usually reliable</source>
        <translation>Зазвичай ненадійне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Significant doubt; has provided valid information before.</source>
        <translation>Значні сумніви; раніше надавало достовірну інформацію.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreliable</source>
        <translation>Ненадійне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lacking authenticity, trustworthiness and competence.</source>
        <translation>Бракує автентичності, довіри та компетентності.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability cannot be judged</source>
        <translation>Надійність неможливо оцінити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No basis to evaluate the source.</source>
        <translation>Немає підстав для оцінки джерела.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirmed by other sources</source>
        <translation>Підтверджено іншими джерелами</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed by independent sources.</source>
        <translation>Підтверджено незалежними джерелами.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probably true</source>
        <translation>Імовірно правдиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed; logical and consistent with other information.</source>
        <translation>Не підтверджено; логічне й узгоджується з іншою інформацією.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possibly true</source>
        <translation>Можливо правдиве</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed; reasonably logical, agrees with some information.</source>
        <translation>Не підтверджено; достатньо логічне, узгоджується з частиною інформації.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doubtful</source>
        <translation>Сумнівне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed; possible but not logical, no other information.</source>
        <translation>Не підтверджено; можливе, але нелогічне, іншої інформації немає.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Improbable</source>
        <translation>Малоймовірне</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not confirmed; not logical, contradicted by other information.</source>
        <translation>Не підтверджено; нелогічне, суперечить іншій інформації.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truth cannot be judged</source>
        <translation>Правдивість неможливо оцінити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No basis to evaluate the validity of the information.</source>
        <translation>Немає підстав для оцінки достовірності інформації.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unverified</source>
        <translation>Не перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captured, not yet assessed.</source>
        <translation>Зафіксовано, ще не оцінено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corroborated</source>
        <translation>Підтверджено іншим джерелом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An independent source says the same.</source>
        <translation>Незалежне джерело повідомляє те саме.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>Перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked against original or primary material.</source>
        <translation>Звірено з оригіналом або первинними матеріалами.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <source>Contested</source>
        <translation>Оспорюється</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Another source contradicts it.</source>
        <translation>Інше джерело йому суперечить.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Judged unusable; kept, never deleted, shown struck through.</source>
        <translation>Визнано непридатним; зберігається, ніколи не видаляється, показується перекресленим.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending review</source>
        <translation>Очікує рецензування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded; no reviewer has decided on it yet.</source>
        <translation>Зафіксовано; жоден рецензент ще не ухвалив рішення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Схвалено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by a reviewer other than the person who recorded it (four eyes).</source>
        <translation>Схвалено рецензентом, який не є особою, що це зафіксувала (принцип «чотирьох очей»).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned</source>
        <translation>Повернуто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned by the reviewer with a comment.</source>
        <translation>Повернуто рецензентом із зауваженням.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft</source>
        <translation>Чернетка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being documented: its facts and evidence may still change.</source>
        <translation>Документується: його факти й докази ще можуть змінитися.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In review</source>
        <translation>На рецензуванні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted to a reviewer, who checks its facts and evidence.</source>
        <translation>Надіслано рецензентові, який перевіряє його факти й докази.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by a reviewer: its facts and evidence were checked.</source>
        <translation>Затверджено рецензентом: його факти й докази перевірено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned by the reviewer with a comment, to be completed.</source>
        <translation>Повернуто рецензентом із зауваженням для доопрацювання.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Public</source>
        <translation>Публічно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public (redacted)</source>
        <translation>Публічно (знеособлено)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential</source>
        <translation>Конфіденційно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strictly confidential</source>
        <translation>Суворо конфіденційно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact day</source>
        <translation>Точний день</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Місяць</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approximate</source>
        <translation>Приблизно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>Невідомо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prisoner(s) of war</source>
        <translation>Військовополонені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surrendered</source>
        <translation>Здалися в полон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wounded / hors de combat</source>
        <translation>Поранені / особи, що вибули зі строю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Civilian(s)</source>
        <translation>Цивільні особи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>News article</source>
        <translation>Стаття в ЗМІ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UN report</source>
        <translation>Звіт ООН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NGO report</source>
        <translation>Звіт НУО</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official statement</source>
        <translation>Офіційна заява</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Witness statement</source>
        <translation>Показання свідка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transcript (video, audio, social media)</source>
        <translation>Транскрипт (відео, аудіо, соцмережі)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Інше</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Witness</source>
        <translation>Свідок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victim</source>
        <translation>Потерпілий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alleged perpetrator</source>
        <translation>Імовірний виконавець</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not asked</source>
        <translation>Не запитували</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed to be named</source>
        <translation>Погодилася на згадування імені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused to be named</source>
        <translation>Відмовилася від згадування імені</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documenter</source>
        <translation>Документатор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marks and grades evidence, documents incidents</source>
        <translation>позначає та оцінює докази, документує інциденти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer</source>
        <translation>Рецензент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approves or returns evidence and signs incidents off</source>
        <translation>схвалює або повертає докази та затверджує інциденти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supported</source>
        <translation>Підтверджено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved, verified evidence from at least one line</source>
        <translation>схвалені, перевірені докази щонайменше однієї лінії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its evidence is contested, or its sources disagree</source>
        <translation>його докази оспорюються, або джерела розходяться</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked, not verified</source>
        <translation>Пов’язано, не перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evidence is linked but not yet approved and verified</source>
        <translation>докази пов’язано, але ще не схвалено й не перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Бракує</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no usable evidence yet</source>
        <translation>придатних доказів ще немає</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of the event</source>
        <translation>Дата події</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date reported</source>
        <translation>Дата повідомлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Час</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Місце</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District / region</source>
        <translation>Район / область</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinates</source>
        <translation>Координати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims (count)</source>
        <translation>Потерпілі (кількість)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims&apos; status</source>
        <translation>Статус потерпілих</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator (force / unit)</source>
        <translation>Виконавець (сили / підрозділ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Що сталося</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of the event (from)</source>
        <translation>Дата події (від)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of the event (to)</source>
        <translation>Дата події (до)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision of the date</source>
        <translation>Точність дати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other names of the place</source>
        <translation>Інші назви місця</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>Район</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Область</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>Країна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude</source>
        <translation>Широта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude</source>
        <translation>Довгота</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source of the coordinates</source>
        <translation>Джерело координат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims (at least)</source>
        <translation>Потерпілі (щонайменше)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims (at most)</source>
        <translation>Потерпілі (щонайбільше)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Victims named</source>
        <translation>Названі потерпілі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator (force)</source>
        <translation>Виконавець (сили)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator (unit)</source>
        <translation>Виконавець (підрозділ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrators named</source>
        <translation>Названі виконавці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal qualification</source>
        <translation>Правова кваліфікація</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case created</source>
        <translation>Справу створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case details changed</source>
        <translation>Відомості про справу змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case file upgraded</source>
        <translation>Файл справи оновлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case encrypted</source>
        <translation>Справу зашифровано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand-over copy written</source>
        <translation>Записано копію для передавання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer&apos;s copy merged</source>
        <translation>Копію рецензента об’єднано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case recovered from a damaged file</source>
        <translation>Справу відновлено з пошкодженого файлу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dossier exported</source>
        <translation>Досьє експортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotations exported</source>
        <translation>Анотації експортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registers exported</source>
        <translation>Реєстри експортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source imported</source>
        <translation>Джерело імпортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source details changed</source>
        <translation>Відомості про джерело змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence marked</source>
        <translation>Доказ позначено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence imported</source>
        <translation>Доказ імпортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence changed</source>
        <translation>Доказ змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence removed</source>
        <translation>Доказ вилучено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence restored</source>
        <translation>Доказ відновлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence approved</source>
        <translation>Доказ схвалено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence returned</source>
        <translation>Доказ повернуто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence reviewed</source>
        <translation>Доказ перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence resubmitted</source>
        <translation>Доказ подано повторно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review decision undone</source>
        <translation>Рішення рецензента скасовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident added</source>
        <translation>Інцидент додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident changed</source>
        <translation>Інцидент змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident deleted</source>
        <translation>Інцидент видалено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident restored</source>
        <translation>Інцидент відновлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident back to draft</source>
        <translation>Інцидент повернуто в чернетку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident submitted for review</source>
        <translation>Інцидент подано на перевірку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident signed off</source>
        <translation>Інцидент затверджено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident returned</source>
        <translation>Інцидент повернуто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review step of an incident undone</source>
        <translation>Крок перевірки інциденту скасовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member added</source>
        <translation>Учасника додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member removed</source>
        <translation>Учасника вилучено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member restored</source>
        <translation>Учасника відновлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person protected</source>
        <translation>Особу взято під захист</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protection removed</source>
        <translation>Захист знято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person protected again</source>
        <translation>Особу знову взято під захист</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protected person changed</source>
        <translation>Дані захищеної особи змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search index rebuilt</source>
        <translation>Пошуковий індекс перебудовано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Killing or wounding a combatant who has laid down arms or surrendered</source>
        <translation>Убивство або поранення комбатанта, який склав зброю або здався в полон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rome Statute art. 8(2)(b)(vi)</source>
        <translation>ст. 8(2)(b)(vi) Римського статуту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator killed or injured one or more persons</source>
        <translation>Виконавець убив або поранив одну чи кількох осіб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Footage or testimony of a summary execution</source>
        <translation>Відеозапис або свідчення про позасудову страту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forensic findings after repatriation of bodies</source>
        <translation>Висновки судово-медичної експертизи після репатріації тіл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person or persons were hors de combat</source>
        <translation>Особа або особи вибули зі строю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Footage or testimony that the victims had laid down arms or raised hands</source>
        <translation>Відеозапис або свідчення того, що потерпілі склали зброю або підняли руки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence that the victims were captured or wounded</source>
        <translation>Докази того, що потерпілих було взято в полон або поранено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator was aware of the factual circumstances that established that status</source>
        <translation>Виконавець усвідомлював фактичні обставини, що встановлювали цей статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The victims were visibly unarmed, wounded or in custody</source>
        <translation>Потерпілі були явно неозброєні, поранені або під вартою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements of the perpetrators</source>
        <translation>Заяви виконавців</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The conduct took place in the context of and was associated with an international armed conflict</source>
        <translation>Діяння вчинено в контексті міжнародного збройного конфлікту, і воно було пов’язане з ним</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports establishing the international armed conflict</source>
        <translation>Звіти, що встановлюють наявність міжнародного збройного конфлікту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location within a combat zone</source>
        <translation>Місце в зоні бойових дій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator was aware of factual circumstances that established the armed conflict</source>
        <translation>Виконавець усвідомлював фактичні обставини, що встановлювали наявність збройного конфлікту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Perpetrator&apos;s membership of a party&apos;s armed forces</source>
        <translation>Належність виконавця до збройних сил сторони конфлікту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conduct during combat operations</source>
        <translation>Діяння під час бойових дій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geneva Convention III art. 4</source>
        <translation>ст. 4 Женевської конвенції III</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional Protocol I art. 41</source>
        <translation>ст. 41 Додаткового протоколу I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wilful killing of persons protected by the Geneva Conventions</source>
        <translation>Умисне вбивство осіб, які перебувають під захистом Женевських конвенцій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rome Statute art. 8(2)(a)(i)</source>
        <translation>ст. 8(2)(a)(i) Римського статуту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator killed one or more persons</source>
        <translation>Виконавець убив одну чи кількох осіб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence of a summary execution</source>
        <translation>Докази позасудової страти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forensic or medical findings</source>
        <translation>Висновки судово-медичної або медичної експертизи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The persons were protected under the Geneva Conventions (prisoners of war)</source>
        <translation>Особи перебували під захистом Женевських конвенцій (військовополонені)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence of capture or surrender</source>
        <translation>Докази взяття в полон або здачі в полон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records of detention</source>
        <translation>Записи про тримання під вартою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator was aware of the factual circumstances that established that protected status</source>
        <translation>Виконавець усвідомлював фактичні обставини, що встановлювали цей захищений статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Victims held in custody by the perpetrator&apos;s unit</source>
        <translation>Потерпілі перебували під вартою підрозділу виконавця</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geneva Convention III arts. 4, 13, 130</source>
        <translation>ст. 4, 13, 130 Женевської конвенції III</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declaring that no quarter will be given</source>
        <translation>Оголошення про те, що пощади не буде</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rome Statute art. 8(2)(b)(xii)</source>
        <translation>ст. 8(2)(b)(xii) Римського статуту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator declared or ordered that there be no survivors</source>
        <translation>Виконавець оголосив або наказав, щоб не залишилося тих, хто вижив</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An intercepted or reported order not to take prisoners</source>
        <translation>Перехоплений або згаданий у повідомленнях наказ не брати полонених</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circumstantial proof: a pattern of executions in one unit&apos;s area</source>
        <translation>Непрямі докази: систематичні страти в районі дій одного підрозділу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The declaration or order was given to threaten an adversary or to conduct hostilities on the basis that there be no survivors</source>
        <translation>Оголошення або наказ мали на меті залякати супротивника або вести бойові дії так, щоб не залишилося тих, хто вижив</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Public statements calling for executions</source>
        <translation>Публічні заклики до страт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator was in a position of effective command or control over the subordinate forces</source>
        <translation>Виконавець здійснював ефективне командування або контроль над підлеглими силами</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit structure and chain of command</source>
        <translation>Структура підрозділу та ланцюг командування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimony of deserters</source>
        <translation>Свідчення дезертирів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional Protocol I art. 40</source>
        <translation>ст. 40 Додаткового протоколу I</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outrages upon personal dignity</source>
        <translation>Посягання на людську гідність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rome Statute art. 8(2)(b)(xxi)</source>
        <translation>ст. 8(2)(b)(xxi) Римського статуту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The perpetrator humiliated, degraded or otherwise violated the dignity of one or more persons (including dead persons)</source>
        <translation>Виконавець принизив, зневажив або в інший спосіб порушив гідність однієї чи кількох осіб (зокрема загиблих)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filming and publishing the killing</source>
        <translation>Зйомка та оприлюднення вбивства</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mutilation of bodies</source>
        <translation>Понівечення тіл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The humiliation was so severe as to be generally recognised as an outrage upon personal dignity</source>
        <translation>Приниження було настільки тяжким, що загальновизнано вважається посяганням на людську гідність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nature and publicity of the conduct</source>
        <translation>Характер і публічність діяння</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Violation of the laws and customs of war</source>
        <translation>Порушення законів та звичаїв війни</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criminal Code of Ukraine art. 438</source>
        <translation>ст. 438 КК України</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cruel treatment of prisoners of war or other violation of the laws and customs of war</source>
        <translation>Жорстоке поводження з військовополоненими або інше порушення законів та звичаїв війни</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence of the treatment of prisoners</source>
        <translation>Докази поводження з полоненими</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimony of survivors</source>
        <translation>Свідчення тих, хто вижив</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Combined with premeditated murder (part 2)</source>
        <translation>Поєднане з умисним убивством (ч. 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence of a deliberate execution</source>
        <translation>Докази навмисної страти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reasonable grounds to believe</source>
        <translation>Обґрунтовані підстави вважати</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/i18n.py" line="+146"/>
        <source>{action} (started)</source>
        <translation>{action} (розпочато)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{action} (not completed)</source>
        <translation>{action} (не завершено)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../desktop/gui/widgets/search_panel.py" line="+29"/>
        <source>Untitled source</source>
        <translation>Джерело без назви</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Search every source: words in any form, &quot;an exact phrase&quot;, execut*</source>
        <translation>Пошук в усіх джерелах: слова в будь-якій формі, &quot;точна фраза&quot;, розстр*</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A Ukrainian or Russian word also finds its other forms: its cases, its plural, and for a town the region named after it. A phrase in quotes is found exactly as typed; execut* finds every word that begins so; AND, OR, NOT combine words; NEAR(a b) finds them at most 10 words apart (NEAR(a b, 3): at most 3); ^word finds it where a text begins.</source>
        <translation>Українське чи російське слово знаходить і інші свої форми: відмінки, множину, а для міста — названу за ним область («Курськ» знаходить «Курської області», «полонених» — «полонені»). Фраза в лапках шукається точно так, як написано; розстр* знаходить усі слова, що так починаються; AND, OR, NOT поєднують слова; NEAR(полонені розстріл) знаходить слова щонайбільше за 10 слів одне від одного (NEAR(полонені розстріл, 3): щонайбільше за 3); ^слово знаходить його там, де текст починається.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Searching…</source>
        <translation>Пошук…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No source contains that.</source>
        <translation>Жодне джерело цього не містить.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n source(s), best match first</source>
        <translation>
            <numerusform>%n джерело, найкращі збіги спершу</numerusform>
            <numerusform>%n джерела, найкращі збіги спершу</numerusform>
            <numerusform>%n джерел, найкращі збіги спершу</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServiceCommand</name>
    <message>
        <location filename="../../desktop/gui/commands.py" line="+90"/>
        <source>The change could not be applied ({reason})</source>
        <extracomment>Edits with the same merge key closer than this merge into one undo step (a typing burst).</extracomment>
        <translation>Зміну не застосовано ({reason})</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../desktop/gui/flows/session.py" line="+40"/>
        <source>Your name</source>
        <translation>Ваше ім’я</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name is recorded with every change you make to a case
(who marked, graded or reviewed each piece of evidence):</source>
        <translation>Ваше ім’я записується з кожною зміною, яку ви вносите до справи
(хто позначив, оцінив або рецензував кожен доказ):</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Something went wrong</source>
        <translation>Щось пішло не так</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Casefile ran into an unexpected problem and did not finish what you asked. Your case is safe: every change is saved when it is made.

{summary}

The details were written to {log}</source>
        <translation>Casefile натрапив на непередбачену проблему й не виконав того, що ви просили. Ваша справа в безпеці: кожна зміна зберігається одразу, щойно її внесено.

{summary}

Подробиці записано до {log}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>About {app}</source>
        <translation>Про {app}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;{app} {version}&lt;/h3&gt;&lt;p&gt;Build war-crimes case files from source texts: mark the passage that proves each fact, grade it, review it, and export a dossier in which every fact points to a quote and every quote to a fingerprinted source.&lt;/p&gt;&lt;p&gt;Log file: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{app} {version}&lt;/h3&gt;&lt;p&gt;Формування справ про воєнні злочини з текстів джерел: позначайте уривок, що доводить кожен факт, оцінюйте його, рецензуйте й експортуйте досьє, у якому кожен факт посилається на цитату, а кожна цитата — на джерело з цифровим відбитком.&lt;/p&gt;&lt;p&gt;Журнал роботи програми: {log}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ShortStatus</name>
    <message>
        <location filename="../../desktop/gui/i18n.py" line="-24"/>
        <source>Unverified</source>
        <extracomment>The interface languages Casefile has, by code, each named in itself. Interface languages whose dates and numbers follow the language rather than a system locale that speaks another one (English is written with many regional conventions: it keeps the system&apos;s, or ISO 8601 on a machine without a locale). Named by locale, not by QLocale&apos;s Language enum, which is slow to build and only needed for these. Short names of the verification statuses where space is tight (toolbar, legend; their tooltips give the full label). In English they are the labels themselves.</extracomment>
        <translation>Не перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corroborated</source>
        <translation>Підтверджено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>Перевірено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contested</source>
        <translation>Оспорюється</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Відхилено</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/shortcuts.py" line="+22"/>
        <source>Keyboard shortcuts</source>
        <translation>Клавіатурні скорочення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Menu</source>
        <translation>Меню</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shortcut</source>
        <translation>Скорочення</translation>
    </message>
</context>
<context>
    <name>SourceDetailsDialog</name>
    <message>
        <location filename="../../desktop/gui/widgets/dialogs/source_details.py" line="+26"/>
        <source>Title</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>Видавець</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Originated by</source>
        <translation>Першоджерело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>Вебадреса (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published (YYYY-MM-DD)</source>
        <translation>Опубліковано (РРРР-ММ-ДД)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected on</source>
        <translation>Дата збирання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected by</source>
        <translation>Хто зібрав</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected from</source>
        <translation>Звідки отримано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability note</source>
        <translation>Примітка щодо надійності</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source details</source>
        <translation>Відомості про джерело</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reliability</source>
        <translation>Надійність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the body that observed, counted or stated it (UN mission, Prosecutor General…)</source>
        <translation>орган, що спостерігав, рахував чи заявив (місія ООН, Офіс Генпрокурора…)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— no other source</source>
        <translation>— жодне інше джерело</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A source that only retells another (a news item on a press release) is one line of evidence with it</source>
        <translation>Джерело, що лише переказує інше (новина про пресреліз), становить з ним одну лінію доказів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relays</source>
        <translation>Переказує</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Original file&lt;/b&gt; {name} · {media_type} · {size} bytes&lt;br&gt;&lt;b&gt;SHA-256&lt;/b&gt; &lt;code&gt;{sha256}&lt;/code&gt;&lt;br&gt;&lt;b&gt;Imported&lt;/b&gt; {at} by {by}</source>
        <translation>&lt;b&gt;Оригінальний файл&lt;/b&gt; {name} · {media_type} · {size} байтів&lt;br&gt;&lt;b&gt;SHA-256&lt;/b&gt; &lt;code&gt;{sha256}&lt;/code&gt;&lt;br&gt;&lt;b&gt;Імпортовано&lt;/b&gt; {at}, {by}</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>&lt;b&gt;Text read by OCR&lt;/b&gt; {tool} {version} · {languages} · mean word confidence {mean}% · %n word(s) read with low confidence</source>
        <translation>
            <numerusform>&lt;b&gt;Текст розпізнано (OCR)&lt;/b&gt; {tool} {version} · {languages} · середня впевненість розпізнавання слів {mean}% · %n слово розпізнано з низькою впевненістю</numerusform>
            <numerusform>&lt;b&gt;Текст розпізнано (OCR)&lt;/b&gt; {tool} {version} · {languages} · середня впевненість розпізнавання слів {mean}% · %n слова розпізнано з низькою впевненістю</numerusform>
            <numerusform>&lt;b&gt;Текст розпізнано (OCR)&lt;/b&gt; {tool} {version} · {languages} · середня впевненість розпізнавання слів {mean}% · %n слів розпізнано з низькою впевненістю</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>&lt;b&gt;Tracked changes&lt;/b&gt; %n deletion(s) left out of the text (listed in the dossier&apos;s source annex)</source>
        <translation>
            <numerusform>&lt;b&gt;Зміни в режимі рецензування&lt;/b&gt; %n видалення не включене до тексту (перелічене в додатку про джерела в досьє)</numerusform>
            <numerusform>&lt;b&gt;Зміни в режимі рецензування&lt;/b&gt; %n видалення не включені до тексту (перелічені в додатку про джерела в досьє)</numerusform>
            <numerusform>&lt;b&gt;Зміни в режимі рецензування&lt;/b&gt; %n видалень не включено до тексту (перелічені в додатку про джерела в досьє)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The collection record cannot be kept</source>
        <translation>Запис про збирання не можна зберегти</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <location filename="../../desktop/gui/widgets/source_view.py" line="+91"/>
        <source>Open a source from the list on the left</source>
        <translation>Відкрийте джерело зі списку ліворуч</translation>
    </message>
    <message>
        <location line="+839"/>
        <source>&lt;b&gt;Protected name&lt;/b&gt;: shown as &lt;b&gt;{pseudonym}&lt;/b&gt; in redacted dossiers</source>
        <translation>&lt;b&gt;Захищене ім’я&lt;/b&gt;: у знеособлених досьє показується як &lt;b&gt;{pseudonym}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;OCR was unsure of this word&lt;/b&gt;: read with {confidence}% confidence; check it on the page</source>
        <translation>&lt;b&gt;Слово розпізнано невпевнено (OCR)&lt;/b&gt;: упевненість {confidence}%; звірте його зі сторінкою</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>and {count} more</source>
        <translation>і ще {count}</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Copy</source>
        <translation>Копіювати</translation>
    </message>
    <message>
        <location line="+244"/>
        <source>{current} of {total}</source>
        <translation>{current} з {total}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No matches</source>
        <translation>Збігів немає</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>credibility {code} — {label}</source>
        <translation>достовірність {code} — {label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No incident</source>
        <translation>Без інциденту</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Marked by {name} on {date}</source>
        <translation>Позначено: {name}, {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>невідомо</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <location filename="../../desktop/gui/qtmodels/sources_model.py" line="+33"/>
        <source>Title</source>
        <extracomment>Role under which a cell gives the value to sort by (numbers stay numbers).</extracomment>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publisher</source>
        <translation>Видавець</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>Оцінка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Source reliability (Admiralty code A–F)</source>
        <translation>Надійність джерела (адміралтейський код A–F)</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../../desktop/gui/widgets/tour.py" line="+45"/>
        <source>Skip the tour</source>
        <translation>Пропустити огляд</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>Next</source>
        <translation>Далі</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 of %2</source>
        <translation>%1 з %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start working</source>
        <translation>До роботи</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Sources and incidents</source>
        <translation>Джерела та інциденти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sources of the case, with their reliability grade, and the incidents. Open a source to read it; add an incident for each event you document.</source>
        <translation>Джерела справи з оцінкою їхньої надійності та інциденти. Відкрийте джерело, щоб прочитати його; додайте інцидент для кожної події, яку документуєте.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read and mark</source>
        <translation>Читайте й позначайте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the passage that proves a fact and press E to mark it as evidence. Highlights show each span&apos;s status by colour and by underline style.</source>
        <translation>Виділіть уривок, що доводить факт, і натисніть E, щоб позначити його як доказ. Підсвічування показує статус кожного фрагмента кольором і стилем підкреслення.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incident</source>
        <translation>Інцидент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every fact of the incident, saved as you type. The badges count the evidence behind each fact; where sources disagree, the field lists who says what.</source>
        <translation>Усі факти інциденту, що зберігаються під час введення. Значки показують, скільки доказів має кожен факт; якщо джерела розходяться, поле показує, хто що стверджує.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The facts of the incident selected in the list: none is selected yet. Select one, or press Add under the incidents list; each fact then shows a badge that counts the evidence behind it.</source>
        <translation>Факти інциденту, вибраного в списку: поки що жоден не вибрано. Виберіть інцидент або натисніть «Додати» під списком інцидентів; тоді кожен факт покаже значок із кількістю доказів, що його підтримують.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evidence</source>
        <translation>Докази</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every span with its status, grade and review. Press 1–5 to set the status of the selected evidence; every change can be undone with Ctrl+Z.</source>
        <translation>Усі фрагменти з їхнім статусом, оцінкою та рецензуванням. Натисніть 1–5, щоб установити статус виділених доказів; будь-яку зміну можна скасувати через Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dossier</source>
        <translation>Досьє</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Export dossier… writes a Word dossier in which every fact points to a quote and every quote to a fingerprinted source. Help → Keyboard shortcuts lists every key.</source>
        <translation>Файл → Експортувати досьє… створює досьє Word, у якому кожен факт посилається на цитату, а кожна цитата — на джерело з цифровим відбитком. У розділі Довідка → Клавіатурні скорочення наведено всі клавіші.</translation>
    </message>
</context>
<context>
    <name>_FindBar</name>
    <message>
        <location filename="../../desktop/gui/widgets/source_view.py" line="-866"/>
        <source>Find in this source</source>
        <translation>Знайти в цьому джерелі</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>Попередній збіг (Shift+Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match (Enter)</source>
        <translation>Наступний збіг (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation>Закрити (Esc)</translation>
    </message>
</context>
<context>
    <name>_Header</name>
    <message>
        <location line="-178"/>
        <source>Copy full SHA-256</source>
        <extracomment>Which status colours a segment covered by several spans: a problem (contested) first, then the strongest finding; a rejected span never hides a live one. Each extra span over a segment darkens its colour by this much (at most _MAX_EXTRA times). Most words OCR was unsure of marked in one source (ExtraSelections, painted per block). Hits either side of the current one that get an ExtraSelection: painting loops over every ExtraSelection for every visible block, so &quot;e&quot; in 2 MB (100,000 hits) must not make 100,000. A text this long or shorter is formatted at once. A longer one is formatted on screen first (with a screenful either side) and the rest in idle slices, so a 2 MB source opens about as fast as its bare text; scrolling into a part not formatted yet formats it before it is drawn.</extracomment>
        <translation>Копіювати повний SHA-256</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Page image</source>
        <translation>Вигляд сторінки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the PDF&apos;s page beside the text, with the selected span marked on it</source>
        <translation>Показати сторінку PDF поруч із текстом, позначивши на ній вибраний фрагмент</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Untitled source</source>
        <translation>Джерело без назви</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publisher unknown</source>
        <translation>Видавець невідомий</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Source reliability (Admiralty code): </source>
        <translation>Надійність джерела (адміралтейський код): </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SHA-256 of the original file, computed at collection:</source>
        <translation>SHA-256 оригінального файлу, обчислений під час збирання:</translation>
    </message>
</context>
<context>
    <name>_Legend</name>
    <message>
        <location line="-296"/>
        <source>dotted</source>
        <translation>крапкова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dashed</source>
        <translation>штрихова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>solid</source>
        <translation>суцільна</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wavy</source>
        <translation>хвиляста</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>double</source>
        <translation>подвійна</translation>
    </message>
    <message>
        <location line="+352"/>
        <source>struck</source>
        <translation>наскрізна</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{status}: {cue} line. {description}</source>
        <translation>{status}: {cue} лінія. {description}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overlap</source>
        <translation>Накладання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text marked by more than one span is drawn darker; hover to see them all.</source>
        <translation>Текст, позначений кількома фрагментами, зафарбовано темніше; наведіть курсор, щоб побачити всі.</translation>
    </message>
</context>
</TS>
