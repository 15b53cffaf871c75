<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ClosedScreen</name>
    <message>
        <source>Closed · opens %1</source>
        <extracomment>On the closed screen: %1 is when it opens next, e.g. &quot;tomorrow at 10:00&quot;</extracomment>
        <translation>Закрыто · откроется %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
</context>
<context>
    <name>ClosingScreen</name>
    <message>
        <source>Thank you for visiting</source>
        <translation>Спасибо, что посетили выставку</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Начать сначала</translation>
    </message>
    <message>
        <source>Choose an era below to look again, or start again for the next visitor.</source>
        <translation>Выберите период ниже, чтобы вернуться к нему, или начните сначала для следующего посетителя.</translation>
    </message>
</context>
<context>
    <name>EraChooser</name>
    <message>
        <source>Eras</source>
        <translation>Периоды</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>ExhibitScreen</name>
    <message>
        <source>Home</source>
        <translation>В начало</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <extracomment>The page&apos;s place in its era: 3 of 5</extracomment>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Eras</source>
        <translation>Периоды</translation>
    </message>
    <message>
        <source>The end</source>
        <extracomment>Next, on the last page: it leads to the closing screen</extracomment>
        <translation>Завершение</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Are you still there?</source>
        <translation>Вы ещё здесь?</translation>
    </message>
    <message>
        <source>Starting over in %1 s</source>
        <extracomment>The countdown to the idle reset, in seconds</extracomment>
        <translation>Возврат к началу через %1 с</translation>
    </message>
    <message>
        <source>Keep exploring</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Pinch or double-tap to zoom</source>
        <translation>Сведите или разведите пальцы либо коснитесь дважды, чтобы увеличить</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Image %1 of %2</source>
        <translation>Изображение %1 из %2</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>MoreText</name>
    <message>
        <source>More</source>
        <translation>Читать дальше</translation>
    </message>
</context>
<context>
    <name>OpeningHours</name>
    <message>
        <source>on Monday at %1</source>
        <translation>в понедельник в %1</translation>
    </message>
    <message>
        <source>on Tuesday at %1</source>
        <translation>во вторник в %1</translation>
    </message>
    <message>
        <source>on Wednesday at %1</source>
        <translation>в среду в %1</translation>
    </message>
    <message>
        <source>on Thursday at %1</source>
        <translation>в четверг в %1</translation>
    </message>
    <message>
        <source>on Friday at %1</source>
        <translation>в пятницу в %1</translation>
    </message>
    <message>
        <source>on Saturday at %1</source>
        <translation>в субботу в %1</translation>
    </message>
    <message>
        <source>on Sunday at %1</source>
        <translation>в воскресенье в %1</translation>
    </message>
    <message>
        <source>today at %1</source>
        <translation>сегодня в %1</translation>
    </message>
    <message>
        <source>tomorrow at %1</source>
        <translation>завтра в %1</translation>
    </message>
    <message>
        <source>on %1 at %2</source>
        <extracomment>%1 is a date such as &quot;3 January&quot;, %2 a time such as &quot;10:00&quot;</extracomment>
        <translation>%1 в %2</translation>
    </message>
</context>
<context>
    <name>PanelPage</name>
    <message>
        <source>Open image</source>
        <translation>Открыть изображение</translation>
    </message>
</context>
<context>
    <name>QuotePage</name>
    <message>
        <source>“</source>
        <extracomment>The great opening quotation mark over a quotation</extracomment>
        <translation>«</translation>
    </message>
</context>
<context>
    <name>StaffAccess</name>
    <message>
        <source>Locked: try again in %1 s</source>
        <translation>Заблокировано: повторите через %1 с</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Неверный PIN-код</translation>
    </message>
</context>
<context>
    <name>StaffOverlay</name>
    <message>
        <source>Staff PIN</source>
        <translation>PIN-код сотрудника</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Staff menu</source>
        <translation>Меню сотрудника</translation>
    </message>
    <message>
        <source>Reload now</source>
        <translation>Перезагрузить сейчас</translation>
    </message>
    <message>
        <source>Leave preview mode</source>
        <translation>Выйти из предпросмотра</translation>
    </message>
    <message>
        <source>Preview mode</source>
        <translation>Режим предпросмотра</translation>
    </message>
    <message>
        <source>Quit to desktop</source>
        <translation>Выйти на рабочий стол</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
</context>
</TS>
