"""The exhibit's timelines. Dates are the widely published ones; months are given only
where they are certain, and the years on the axis carry the rest."""

from __future__ import annotations

from timeline import Event as E
from timeline import Span, Timeline, draw


def years(first: int, last: int, step: int = 1) -> list[tuple[float, str]]:
    return [(float(year), str(year)) for year in range(first, last + 1, step)]


TIMELINES = [
    Timeline(
        "revolution-1917-1920.png", "Revolution and war, 1917–1920",
        "Революция и война, 1917–1920", 1916.45, 1921.1, years(1917, 1921),
        [E(1917.2, "1917", "February: the tsar abdicates", "Февраль: отречение Николая II",
           "su"),
         E(1917.27, "1917", "April: the USA enters the war", "Апрель: США вступают в войну",
           "us", flip=True),
         E(1917.85, "1917", "November: the Bolsheviks take power",
           "Октябрьская революция", "su"),
         E(1918.17, "1918", "Brest-Litovsk: Russia leaves the war",
           "Брестский мир: Россия выходит из войны", "su"),
         E(1918.65, "1918", "US troops in North Russia and Siberia",
           "Войска США на Севере и в Сибири", "us"),
         E(1920.25, "1920", "The last US troops leave Siberia",
           "Последние войска США покидают Сибирь", "us")],
        [Span(1918.4, 1921.1, "Civil War in Russia (to 1922)", "Гражданская война (до 1922)",
              "su")],
        label_width=330, su_label="Soviet Russia · Советская Россия"),
    Timeline(
        "twenties-1921-1929.png", "Relief and trade, 1921–1929", "Помощь и торговля, 1921–1929",
        1920.8, 1930.2, years(1921, 1930),
        [E(1921.2, "1921", "The New Economic Policy begins", "Начало нэпа", "su"),
         E(1921.6, "1921", "The ARA starts famine relief", "АРА начинает помощь голодающим",
           "us"),
         E(1922.99, "1922", "The USSR is founded", "Образование СССР", "su"),
         E(1924.06, "1924", "Lenin dies", "Смерть Ленина", "su"),
         E(1928.8, "1928", "First Five-Year Plan", "Первая пятилетка", "su"),
         E(1929.82, "1929", "Wall Street crash", "Крах на Уолл-стрит", "us")],
        [Span(1921.2, 1929.0, "New Economic Policy (NEP)", "Новая экономическая политика (нэп)",
              "su")],
        label_width=420),
    Timeline(
        "thirties-1929-1939.png", "Recognition and terror, 1929–1939",
        "Признание и террор, 1929–1939", 1928.8, 1940.2, years(1929, 1940),
        [E(1929.9, "1929", "Forced collectivisation begins",
           "Начало насильственной коллективизации", "su"),
         E(1932.5, "1932–33", "Famine in Ukraine, Kazakhstan and other regions",
           "Голод на Украине, в Казахстане и других регионах", "su"),
         E(1933.87, "1933", "Diplomatic relations established",
           "Установление дипломатических отношений", "both"),
         E(1939.64, "1939", "Nazi–Soviet pact", "Пакт Молотова — Риббентропа", "su"),
         E(1939.67, "1939", "The Second World War begins", "Начало Второй мировой войны",
           "both")],
        [Span(1936.6, 1938.9, "The Great Terror", "Большой террор", "su")],
        label_width=360, size=(2400, 1700)),
    Timeline(
        "alliance-1941-1945.png", "Allies, 1941–1945", "Союзники, 1941–1945",
        1941.3, 1946.0, years(1942, 1946),
        [E(1941.47, "1941", "June: Germany invades the USSR",
           "Июнь: нападение Германии на СССР", "su"),
         E(1941.85, "1941", "November: Lend-Lease opens to the USSR",
           "Ноябрь: ленд-лиз распространён на СССР", "us"),
         E(1941.93, "1941", "December: Pearl Harbor; the USA enters the war",
           "Декабрь: Пёрл-Харбор, США вступают в войну", "us"),
         E(1943.09, "1943", "Victory at Stalingrad", "Победа под Сталинградом", "su"),
         E(1943.91, "1943", "Tehran conference", "Тегеранская конференция", "both"),
         E(1945.1, "1945", "February: Yalta conference", "Февраль: Ялтинская конференция",
           "both"),
         E(1945.35, "1945", "May: Germany surrenders", "Май: капитуляция Германии", "both"),
         E(1945.55, "1945", "July: Potsdam conference", "Июль: Потсдамская конференция",
           "both")],
        label_width=360),
    Timeline(
        "cold-war-1946-1955.png", "The Cold War begins, 1946–1955",
        "Начало холодной войны, 1946–1955", 1945.8, 1956.2, years(1946, 1956),
        [E(1946.2, "1946", "Churchill speaks of an “iron curtain”",
           "Черчилль: «железный занавес»", "both"),
         E(1947.2, "1947", "Truman Doctrine", "Доктрина Трумэна", "us"),
         E(1947.43, "1947", "Marshall Plan announced", "План Маршалла", "us"),
         E(1949.27, "1949", "NATO is founded", "Создание НАТО", "us"),
         E(1949.66, "1949", "First Soviet atomic test", "Первое советское атомное испытание",
           "su"),
         E(1953.18, "1953", "Stalin dies", "Смерть Сталина", "su"),
         E(1955.37, "1955", "Warsaw Pact", "Варшавский договор", "su")],
        [Span(1948.48, 1949.37, "Berlin blockade", "Берлинская блокада", "both"),
         Span(1950.48, 1953.57, "Korean War", "Корейская война", "both")],
        label_width=400),
    Timeline(
        "space-race-1957-1969.png", "The space race, 1957–1969", "Космическая гонка, 1957–1969",
        1957.0, 1970.0, years(1957, 1970),
        [E(1957.76, "1957", "Sputnik 1", "Первый спутник", "su"),
         E(1958.08, "1958", "Explorer 1", "«Эксплорер-1»", "us"),
         E(1961.28, "1961", "Yuri Gagarin orbits the Earth", "Полёт Юрия Гагарина", "su"),
         E(1963.46, "1963", "Valentina Tereshkova, first woman in space",
           "Валентина Терешкова, первая женщина в космосе", "su"),
         E(1965.22, "1965", "Alexei Leonov: first spacewalk",
           "Алексей Леонов: первый выход в открытый космос", "su"),
         E(1969.55, "1969", "Apollo 11 lands on the Moon", "«Аполлон-11» на Луне", "us")],
        label_width=460, size=(2400, 1700)),
    Timeline(
        "thirteen-days-1962.png", "Thirteen days, October 1962",
        "Тринадцать дней, октябрь 1962", 13.5, 29.5,
        [(float(day), str(day)) for day in range(14, 30, 2)],
        [E(14, "14 · X", "A U-2 photographs missile sites on Cuba",
           "U-2 фотографирует ракетные позиции на Кубе", "us"),
         E(16, "16 · X", "Kennedy sees the photographs",
           "Кеннеди видит снимки", "us"),
         E(22, "22 · X", "Kennedy announces a naval “quarantine”",
           "Кеннеди объявляет морской «карантин»", "us"),
         E(24, "24 · X", "The quarantine takes effect", "Начало «карантина»", "us"),
         E(27, "27 · X", "A U-2 is shot down over Cuba", "Над Кубой сбит U-2", "su"),
         E(28, "28 · X", "Khrushchev agrees to remove the missiles",
           "Хрущёв соглашается вывезти ракеты", "su")],
        label_width=400, note="X = October · октябрь"),
    Timeline(
        "arms-control-1963-1991.png", "Treaties that limited the arms race, 1963–1991",
        "Договоры об ограничении гонки вооружений, 1963–1991", 1962.0, 1992.5,
        years(1965, 1990, 5),
        [E(1963.6, "1963", "Hotline; Limited Test Ban Treaty",
           "Горячая линия; Договор о запрещении испытаний", "both"),
         E(1968.5, "1968", "Non-Proliferation Treaty", "Договор о нераспространении", "both"),
         E(1972.4, "1972", "SALT I and the ABM Treaty", "ОСВ-1 и Договор по ПРО", "both"),
         E(1979.46, "1979", "SALT II signed, never ratified",
           "ОСВ-2 подписан, но не ратифицирован", "both"),
         E(1987.94, "1987", "INF Treaty: a whole class of missiles scrapped",
           "Договор по РСМД: целый класс ракет уничтожен", "both"),
         E(1991.54, "1991", "START I", "СНВ-1", "both")],
        label_width=430),
    Timeline(
        "afghanistan-1979-1989.png", "New tensions, 1979–1989", "Новое напряжение, 1979–1989",
        1979.5, 1989.8, years(1980, 1989),
        [E(1979.98, "1979", "Soviet troops enter Afghanistan",
           "Ввод советских войск в Афганистан", "su"),
         E(1980.04, "1980", "US grain embargo; SALT II shelved",
           "Зерновое эмбарго США; ОСВ-2 отложен", "us"),
         E(1980.55, "1980", "Moscow Olympics without the USA", "Олимпиада в Москве без США",
           "us"),
         E(1983.2, "1983", "“Evil empire” speech; SDI announced",
           "Речь об «империи зла»; программа СОИ", "us"),
         E(1984.6, "1984", "The USSR stays away from Los Angeles",
           "СССР бойкотирует Олимпиаду в Лос-Анджелесе", "su", flip=True),
         E(1985.19, "1985", "Gorbachev comes to power", "Приход к власти Горбачёва", "su"),
         E(1989.12, "1989", "The last Soviet troops leave Afghanistan",
           "Последние советские войска покидают Афганистан", "su")],
        [Span(1979.98, 1989.12, "Soviet war in Afghanistan", "Афганская война", "su")],
        label_width=360),
    Timeline(
        "summits-1985-1991.png", "Summits, 1985–1991", "Встречи на высшем уровне, 1985–1991",
        1985.3, 1992.2, years(1986, 1992),
        [E(1985.88, "1985", "Geneva", "Женева", "both"),
         E(1986.78, "1986", "Reykjavík", "Рейкьявик", "both"),
         E(1987.94, "1987", "Washington: INF Treaty", "Вашингтон: Договор по РСМД", "both"),
         E(1988.42, "1988", "Moscow", "Москва", "both"),
         E(1989.92, "1989", "Malta", "Мальта", "both"),
         E(1990.42, "1990", "Washington", "Вашингтон", "both"),
         E(1991.54, "1991", "Moscow: START I", "Москва: СНВ-1", "both")],
        label_width=420, note="Reagan, then Bush, meet Gorbachev · Рейган, затем Буш, "
                              "встречаются с Горбачёвым"),
    Timeline(
        "end-of-ussr-1991.png", "The last year of the USSR, 1991", "Последний год СССР, 1991",
        0.5, 12.9, [(float(m), label) for m, label in zip(
            range(1, 13), ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
                           "XII"), strict=True)],
        [E(6.4, "12 · VI", "Boris Yeltsin elected President of Russia",
           "Борис Ельцин избран президентом России", "su"),
         E(7.95, "31 · VII", "START I signed in Moscow", "Подписан Договор СНВ-1", "both"),
         E(8.6, "19–21 · VIII", "A coup against Gorbachev fails",
           "Провал августовского путча", "su"),
         E(12.26, "8 · XII", "Belovezha Accords", "Беловежские соглашения", "su"),
         E(12.8, "25 · XII", "Gorbachev resigns", "Горбачёв уходит в отставку", "su"),
         E(12.84, "26 · XII", "The USSR ceases to exist", "СССР прекращает существование",
           "su")],
        label_width=430, note="I–XII: months · месяцы"),
]


def main() -> None:
    for timeline in TIMELINES:
        draw(timeline)


if __name__ == "__main__":
    main()
