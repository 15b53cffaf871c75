"""The exhibit’s timelines, one picture per language. Dates are New Style (Gregorian)."""

from __future__ import annotations

from timeline import Event as E
from timeline import Span, Ticks, Timeline, day, in_year, month, months, register, when, years

NB = "\u00a0"  # no-break space: Russian keeps it before a dash
DASH = NB + "— "
SOVIET_RUSSIA = ("Russia, Soviet Russia", "Россия, Советская Россия")
SOVIET_RUSSIA_USSR = ("Soviet Russia, USSR", "Советская Россия, СССР")
USSR = ("USSR", "СССР")

TIMELINES = [
    Timeline(
        "revolution-1917-1920", ("Revolution and intervention, 1917–1920",
                                 "Революция и интервенция, 1917–1920"),
        1917.0, 1921.0, years(1917, 1921),
        [E(when(1917, 3, 15), day(15, 3, 1917), "February Revolution: Nicholas II "
           "abdicates", "Февральская революция: отречение Николая II", "su"),
         E(when(1917, 4, 6), month(4, 1917), "The USA enters the First World War",
           "США вступают в Первую мировую войну", "us"),
         E(when(1917, 11, 7), month(11, 1917), "October Revolution: the Bolsheviks take "
           "power", "Октябрьская революция: власть берут большевики", "su"),
         E(when(1918, 3, 3), day(3, 3, 1918), "Treaty of Brest-Litovsk with the Central "
           "Powers", "Брестский мир с Центральными державами", "su"),
         E(when(1918, 8, 20), ("August–September 1918", "Август" + DASH + "сентябрь 1918"),
           "US troops land at Arkhangelsk and Vladivostok",
           "Войска США высаживаются в Архангельске и Владивостоке", "us"),
         E(when(1920, 4, 1), month(4, 1920), "The last US troops leave Siberia",
           "Последние войска США покидают Сибирь", "us"),
         Span(when(1918, 6), 1920.95, ("1918–1920", "1918–1920"),
              "Civil War (in the Far" + NB + "East to 1922)",
              "Гражданская война (на Дальнем" + NB + "Востоке до 1922)", "su", fade=True)],
        su=SOVIET_RUSSIA, label_width=500,
        scale=[(1917.0, 0.0), (1919.0, 0.68), (1921.0, 1.0)],
        note=("Dates New Style: the February and October Revolutions of the old calendar "
              "fell in March and November.",
              "Даты — по новому стилю: по нему Февральская и Октябрьская революции "
              "пришлись на март и ноябрь.")),
    Timeline(
        "twenties-1921-1932", ("Famine, relief and trade, 1921–1932",
                               "Голод, помощь и торговля, 1921–1932"),
        1921.0, 1932.5, years(1921, 1932),
        [E(when(1921, 3, 15), month(3, 1921), "The New Economic Policy (NEP) begins",
           "Начало новой экономической политики (нэпа)", "su"),
         E(when(1921, 6), ("1921", "1921"), "Famine in the Volga region after drought and "
           "grain requisitioning", "Голод в Поволжье: засуха и продразвёрстка", "su"),
         Span(when(1921, 8, 20), when(1923, 7), ("August 1921 – 1923", "Август 1921" + DASH
                                                  + "1923"),
              "The American Relief Administration (ARA) feeds the hungry",
              "Американская администрация помощи (АРА) кормит голодающих", "us"),
         E(when(1922, 12, 30), day(30, 12, 1922), "The USSR is founded", "Образование СССР",
           "su"),
         E(when(1924, 1, 21), month(1, 1924), "Lenin dies", "Смерть Ленина", "su"),
         E(when(1928, 10), ("1928", "1928"), "First five-year plan; NEP is wound up by 1929",
           "Первая пятилетка; к 1929 году нэп свёрнут", "su"),
         E(when(1929, 5, 31), month(5, 1929), "Ford agrees to help build a Soviet car plant",
           "Соглашение с Ford о помощи в строительстве автозавода", "both"),
         E(when(1929, 10, 24), month(10, 1929), "The Wall Street crash",
           "Крах на Уолл-стрит", "us"),
         E(when(1932, 1, 1), month(1, 1932), "The car plant opens in Nizhny Novgorod",
           "В Нижнем Новгороде открывается автозавод", "both")],
        su=SOVIET_RUSSIA_USSR, label_width=420),
    Timeline(
        "thirties-1932-1940", ("Recognition and terror, 1932–1940",
                               "Признание и террор, 1932–1940"),
        1932.0, 1941.0, years(1932, 1941),
        [Span(1932.0, 1933.9, ("1932–1933", "1932–1933"), "Famine", "Голод", "su"),
         E(when(1933, 11, 16), day(16, 11, 1933), "The USA and the USSR establish "
           "diplomatic relations", "США и СССР устанавливают дипломатические отношения",
           "both"),
         Span(1937.0, 1938.95, ("1937–1938", "1937–1938"), "The Great Terror: about 680,000 "
              "people shot, by NKVD records", "Большой террор: около 680" + NB + "000 "
              "расстрелянных по данным НКВД", "su"),
         E(when(1939, 8, 23), day(23, 8, 1939), "Molotov–Ribbentrop Pact and its secret "
           "protocol", "Пакт" + NB + "Молотова" + NB + "—" + NB + "Риббентропа и секретный "
           "протокол", "su"),
         E(when(1939, 9, 1), day(1, 9, 1939), "Germany invades Poland",
           "Германия нападает на Польшу", "both"),
         E(when(1939, 9, 17), day(17, 9, 1939), "The Red Army invades Poland",
           "Красная армия вторгается в Польшу", "su"),
         Span(when(1939, 11, 30), when(1940, 3, 13), ("November 1939 – March 1940",
                                                      "Ноябрь 1939" + DASH + "март 1940"),
              "The Winter War with Finland", "Зимняя война с Финляндией", "su"),
         Span(when(1940, 6, 15), when(1940, 8, 6), ("June–August 1940",
                                                    "Июнь" + DASH + "август 1940"),
              "The USSR annexes Estonia, Latvia and Lithuania",
              "СССР аннексирует Эстонию, Латвию и Литву", "su"),
         E(when(1940, 7, 23), day(23, 7, 1940), "The USA refuses to recognise the annexation "
           "(the Welles Declaration)", "США отказываются признать аннексию (декларация "
           "Уэллеса)", "us")],
        label_width=450,
        # 1939–1940 drawn at a larger scale than the years before, to make room.
        scale=[(1932.0, 0.0), (1939.0, 0.4), (1941.0, 1.0)]),
    Timeline(
        "alliance-1941-1945", ("Allies, 1941–1945", "Союзники, 1941–1945"),
        1941.3, 1945.9, years(1942, 1945),
        [E(when(1941, 6, 22), day(22, 6, 1941), "Germany invades the USSR",
           "Германия нападает на СССР", "su"),
         E(when(1941, 11, 7), month(11, 1941), "Lend-Lease aid extended to the USSR",
           "Ленд-лиз распространён на СССР", "us"),
         E(when(1941, 12, 7), day(7, 12, 1941), "Pearl Harbor: the USA enters the war",
           "Пёрл-Харбор: США вступают в войну", "us"),
         E(when(1942, 1, 1), day(1, 1, 1942), "Declaration by United Nations",
           "Декларация Объединённых Наций", "both"),
         E(when(1943, 2, 2), month(2, 1943), "Victory at Stalingrad",
           "Победа под Сталинградом", "su"),
         E(when(1943, 11, 28), ("November–December 1943", "Ноябрь" + DASH + "декабрь 1943"),
           "Tehran conference", "Тегеранская конференция", "both"),
         E(when(1945, 2, 4), month(2, 1945), "Yalta conference", "Ялтинская конференция",
           "both"),
         E(when(1945, 4, 25), day(25, 4, 1945), "US and Soviet troops meet on the Elbe",
           "Встреча советских и американских войск на Эльбе", "both"),
         E(when(1945, 5, 8), ("8–9 May 1945", "8–9 мая 1945"), "Germany surrenders",
           "Капитуляция Германии", "both"),
         E(when(1945, 8, 8), day(8, 8, 1945), "The USSR declares war on Japan",
           "СССР объявляет войну Японии", "su")],
        su=USSR, label_width=400),
    Timeline(
        "cold-war-1946-1953", ("The Cold War begins, 1946–1953",
                               "Начало холодной войны, 1946–1953"),
        1946.0, 1954.0, years(1946, 1954),
        [E(when(1946, 3, 5), day(5, 3, 1946), "Churchill’s “iron curtain” speech at Fulton",
           "Речь Черчилля в Фултоне: «железный занавес»", "us"),
         E(when(1947, 3, 12), day(12, 3, 1947), "The Truman Doctrine", "Доктрина Трумэна",
           "us"),
         E(when(1947, 6, 5), month(6, 1947), "The Marshall Plan", "План Маршалла", "us"),
         Span(when(1948, 6, 24), when(1949, 5, 12), ("June 1948 – May 1949",
                                                     "Июнь 1948" + DASH + "май 1949"),
              "Berlin blockade and airlift", "Берлинская блокада и воздушный мост", "both"),
         E(when(1949, 4, 4), day(4, 4, 1949), "NATO is founded", "Создание НАТО", "us"),
         E(when(1949, 8, 29), day(29, 8, 1949), "First Soviet atomic bomb",
           "Первая советская атомная бомба", "su"),
         Span(when(1950, 6, 25), when(1953, 7, 27), ("June 1950 – July 1953",
                                                     "Июнь 1950" + DASH + "июль 1953"),
              "The Korean War", "Корейская война", "both"),
         E(when(1953, 3, 5), day(5, 3, 1953), "Stalin dies", "Смерть Сталина", "su")],
        su=USSR, us=("United States and the West", "США и Запад"), label_width=420),
    Timeline(
        "thaw-1954-1962", ("Thaw and crisis, 1954–1962", "Оттепель и кризис, 1954–1962"),
        1954.5, 1963.0, years(1955, 1963),
        [E(when(1955, 7, 18), month(7, 1955), "Geneva summit", "Встреча в верхах в Женеве",
           "both"),
         E(when(1956, 2, 25), month(2, 1956), "Khrushchev’s secret speech",
           "Секретный доклад Хрущёва", "su"),
         E(when(1956, 11, 4), month(11, 1956), "Soviet troops crush the Hungarian uprising",
           "Советские войска подавляют восстание в Венгрии", "su"),
         E(when(1957, 10, 4), day(4, 10, 1957), "Sputnik", "Первый спутник", "su"),
         E(when(1958, 1, 27), day(27, 1, 1958), "US–Soviet cultural exchange agreement",
           "Соглашение о культурном обмене", "both"),
         E(when(1958, 4, 13), month(4, 1958), "Van Cliburn wins the Tchaikovsky Competition "
           "in Moscow", "Ван Клиберн побеждает на конкурсе Чайковского", "us"),
         E(when(1959, 7, 24), day(24, 7, 1959), "Kitchen Debate: Nixon and Khrushchev in "
           "Moscow", "«Кухонные дебаты» Никсона и Хрущёва в Москве", "both"),
         E(when(1959, 9, 15), month(9, 1959), "Khrushchev tours the USA",
           "Хрущёв в США", "su"),
         E(when(1960, 5, 1), day(1, 5, 1960), "A U-2 is shot down", "Сбит самолёт U-2",
           "su"),
         E(when(1961, 8, 13), day(13, 8, 1961), "The Berlin Wall", "Берлинская стена",
           "su"),
         E(when(1962, 10, 16), month(10, 1962), "The Cuban missile crisis",
           "Карибский кризис", "both")],
        su=USSR, label_width=400),
    Timeline(
        "thirteen-days-1962", ("Thirteen days, October 1962", "Тринадцать дней, октябрь 1962"),
        13.5, 28.5, Ticks([float(d) for d in range(14, 29)],
                          [(float(d), str(d), str(d)) for d in range(14, 29)]),
        [E(14, day(14, 10), "A U-2 photographs missile sites in Cuba",
           "U-2 фотографирует ракетные позиции на Кубе", "us"),
         E(16, day(16, 10), "Kennedy is told", "Кеннеди докладывают о снимках", "us"),
         E(22, day(22, 10), "Kennedy tells the public on television",
           "Кеннеди выступает по телевидению", "us"),
         E(24, day(24, 10), "The naval quarantine begins", "Начинается морской «карантин»",
           "us"),
         E(26, day(26, 10), "Khrushchev’s letter to Kennedy", "Письмо Хрущёва Кеннеди", "su"),
         E(27, day(27, 10), "A U-2 is shot down over Cuba; its pilot, Major Rudolf Anderson, "
           "is killed", "Над Кубой сбит U-2, погиб пилот майор Рудольф Андерсон", "su"),
         E(28, day(28, 10), "Khrushchev agrees to remove the missiles",
           "Хрущёв соглашается вывезти ракеты", "su")],
        su=USSR, label_width=420, note=("Days of October 1962", "Дни октября 1962 года")),
    Timeline(
        "space-race-1957-1975", ("The space race, 1957–1975", "Космическая гонка, 1957–1975"),
        1957.0, 1976.0,
        Ticks([float(y) for y in range(1957, 1977)],
              [(float(y), str(y), str(y)) for y in [*range(1957, 1967), 1970, 1975]]),
        [E(when(1957, 10, 4), day(4, 10, 1957), "Sputnik 1: the first satellite",
           "Первый спутник Земли", "su"),
         E(when(1958, 1, 31), day(31, 1, 1958), "Explorer 1: the first US satellite",
           "«Эксплорер-1»: первый спутник США", "us"),
         E(when(1961, 4, 12), day(12, 4, 1961), "Gagarin: the first human in space",
           "Гагарин: первый человек в космосе", "su"),
         E(when(1961, 5, 5), day(5, 5, 1961), "Shepard: the first American in space",
           "Шепард: первый американец в космосе", "us"),
         E(when(1962, 2, 20), day(20, 2, 1962), "Glenn: the first American in orbit",
           "Гленн: первый американец на орбите", "us"),
         E(when(1963, 6, 16), month(6, 1963), "Tereshkova: the first woman in space",
           "Терешкова: первая женщина в космосе", "su"),
         E(when(1965, 3, 18), month(3, 1965), "Leonov: the first spacewalk",
           "Леонов: первый выход в открытый космос", "su"),
         E(when(1969, 7, 20), day(20, 7, 1969), "Apollo 11 lands on the Moon",
           "«Аполлон-11» садится на Луну", "us"),
         E(when(1975, 7, 17), day(17, 7, 1975), "Apollo and Soyuz dock in orbit",
           "«Союз» и «Аполлон» стыкуются на орбите", "both", place="up")],
        su=USSR, label_width=380, lanes=True, axis_at=0.55,
        scale=[(1957.0, 0.0), (1966.0, 0.74), (1976.0, 1.0)]),
    Timeline(
        "arms-control-1963-1991", ("Arms control, 1963–1991",
                                   "Контроль над вооружениями, 1963–1991"),
        1962.5, 1992.0, years(1965, 1990, 5),
        [E(when(1963, 6, 20), ("1963", "1963"), "The hotline", "Горячая линия", "both"),
         E(when(1963, 8, 5), month(8, 1963), "Partial Test Ban Treaty (USA, UK, USSR)",
           "Договор о частичном запрещении ядерных испытаний (СССР, США, Великобритания)",
           "both"),
         E(when(1967, 1, 27), ("1967", "1967"), "Outer Space Treaty", "Договор о космосе",
           "both"),
         E(when(1968, 7, 1), ("1968", "1968"), "Non-Proliferation Treaty",
           "Договор о нераспространении ядерного оружия", "both"),
         E(when(1972, 5, 26), month(5, 1972), "SALT I and the ABM Treaty",
           "ОСВ-1 и Договор по ПРО", "both"),
         E(when(1979, 6, 18), month(6, 1979), "SALT II signed, never ratified",
           "ОСВ-2 подписан, но не ратифицирован", "both"),
         E(when(1987, 12, 8), month(12, 1987), "INF Treaty", "Договор по РСМД", "both"),
         E(when(1991, 7, 31), month(7, 1991), "START I", "СНВ-1", "both")],
        label_width=440),
    Timeline(
        "emigration-1970-1991", ("The right to leave: Soviet Jewish emigration, 1970–1991",
                                 "Право на выезд: еврейская эмиграция из СССР, 1970–1991"),
        1969.5, 1991.5, years(1970, 1990, 5),
        [E(when(1970, 12), ("1970", "1970"), "The “Leningrad affair”: would-be hijackers "
           "seeking to emigrate are sentenced", "Ленинградское «самолётное дело»: осуждены "
           "те, кто хотел угнать самолёт, чтобы уехать", "su"),
         E(when(1974, 12), ("1974", "1974"), "The Jackson–Vanik amendment ties US trade to "
           "the freedom to emigrate (law from January 1975)", "Поправка Джексона" + DASH +
           "Вэника связывает торговлю США со свободой эмиграции (закон с января 1975)", "us"),
         E(when(1979, 7), ("1979", "1979"), "Over 50,000 Soviet Jews allowed to leave: the "
           "decade’s peak", "Более 50" + NB + "000 советских евреев получают разрешение на "
           "выезд" + DASH + "пик десятилетия", "su"),
         E(when(1984, 7), ("1984", "1984"), "Fewer than 1,000 allowed to leave",
           "Разрешение на выезд получают менее 1000 человек", "su"),
         E(when(1986, 2, 11), month(2, 1986), "Natan Sharansky is freed",
           "Натан Щаранский на свободе", "su"),
         Span(1989.0, 1990.99, ("1989–1990", "1989–1990"), "Emigration opens up",
              "Выезд становится свободнее", "su")],
        su=USSR, label_width=460),
    Timeline(
        "afghanistan-1979-1989", ("The war in Afghanistan, 1979–1989",
                                  "Война в Афганистане, 1979–1989"),
        1979.5, 1989.5, years(1980, 1989),
        [Span(when(1979, 12, 25), when(1989, 2, 15), ("25–27 December 1979",
                                                       "25–27 декабря 1979"),
              "Soviet troops enter Afghanistan", "Ввод советских войск в Афганистан", "su"),
         E(when(1980, 1, 4), month(1, 1980), "Carter: grain embargo beyond the 8 million "
           "tonnes of the 1975 agreement; SALT II put off", "Картер: эмбарго на зерно сверх "
           "8" + NB + "млн т по соглашению 1975 года; ратификация ОСВ-2 отложена", "us"),
         E(when(1980, 7, 19), month(7, 1980), "The US-led boycott of the Moscow Olympics",
           "Бойкот Московской олимпиады по призыву США", "us"),
         E(when(1981, 4, 24), month(4, 1981), "Reagan lifts the grain embargo",
           "Рейган отменяет зерновое эмбарго", "us"),
         E(when(1988, 4, 14), month(4, 1988), "The Geneva Accords on Afghanistan",
           "Женевские соглашения по Афганистану", "both"),
         E(when(1989, 2, 15), day(15, 2, 1989), "The last Soviet troops leave",
           "Последние советские войска покидают Афганистан", "su")],
        su=USSR, label_width=440,
        scale=[(1979.5, 0.0), (1982.0, 0.5), (1989.5, 1.0)]),
    Timeline(
        "year-1983", ("1983: a year of alarm", "1983: год тревоги"), 0.0, 12.0, months(),
        [E(in_year(3, 8), day(8, 3), "Reagan calls the USSR an “evil empire”",
           "Рейган называет СССР «империей зла»", "us"),
         E(in_year(3, 23), day(23, 3), "The Strategic Defense Initiative",
           "Стратегическая оборонная инициатива", "us"),
         E(in_year(9, 1), day(1, 9), "A Soviet interceptor shoots down Korean Air Lines "
           "Flight 007: 269 killed", "Советский перехватчик сбивает самолёт Korean Air Lines"
           " (рейс 007): 269 погибших", "su"),
         E(in_year(9, 26), day(26, 9), "Stanislav Petrov judges a missile warning a false "
           "alarm", "Станислав Петров признаёт сигнал о ракетном ударе ложным", "su"),
         E(in_year(11, 9), ("7–11 November", "7–11 ноября"), "NATO exercise Able Archer 83",
           "Учения НАТО Able Archer 83", "us"),
         E(in_year(11, 23), day(23, 11),
           "The first Pershing II missiles reach West" + NB + "Germany",
           "Первые ракеты «Першинг-2» в ФРГ", "us"),
         E(in_year(11, 23), day(23, 11), "The Soviet delegation walks out of the Geneva arms "
           "talks", "Делегация СССР покидает переговоры в Женеве", "su")],
        su=USSR, label_width=440),
    Timeline(
        "end-of-ussr-1991", ("The last year of the USSR, 1991", "Последний год СССР, 1991"),
        0.0, 12.0, months(),
        [E(in_year(1, 13), day(13, 1), "Troops storm the Vilnius TV tower: 14 killed "
           "(Riga, 20" + NB + "January)", "Штурм телебашни в Вильнюсе: 14 погибших (Рига" + DASH +
           "20" + NB + "января)", "su"),
         E(in_year(3, 17), day(17, 3), "All-union referendum", "Всесоюзный референдум",
           "su"),
         E(in_year(6, 12), day(12, 6), "Yeltsin elected President of Russia",
           "Ельцин избран президентом России", "su"),
         E(in_year(7, 31), day(31, 7), "START signed in Moscow",
           "В Москве подписан Договор СНВ", "both"),
         E(in_year(8, 20), ("19–21 August", "19–21 августа"), "Coup by the State Emergency "
           "Committee fails", "Провал путча ГКЧП", "su"),
         E(in_year(8, 24), day(24, 8), "Ukraine declares independence",
           "Украина провозглашает независимость", "su"),
         E(in_year(9, 6), day(6, 9), "The USSR recognises the Baltic states’ independence",
           "СССР признаёт независимость прибалтийских государств", "su"),
         E(in_year(12, 1), day(1, 12), "Ukraine’s referendum: over 90% for independence",
           "Референдум в Украине: более 90" + NB + "% за независимость", "su"),
         E(in_year(12, 8), day(8, 12), "The Belovezha Accords", "Беловежские соглашения",
           "su"),
         E(in_year(12, 25), day(25, 12), "Gorbachev resigns; the Soviet flag is lowered "
           "over the Kremlin", "Горбачёв уходит в отставку, над Кремлём спущен советский "
           "флаг", "su")],
        su=USSR, label_width=420),
]

for _timeline in TIMELINES:
    register(_timeline)
