-- The gazetteer proposals read locations from (migrations/0013_places.sql).
CREATE TABLE places (
    name text COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
    country text CHECK (country ~ '^[A-Z]{2}$')
);

INSERT INTO places (name, country) VALUES
    ('Hanoi', 'VN'), ('Ha Noi', 'VN'), ('Ho Chi Minh City', 'VN'), ('Saigon', 'VN'),
    ('Da Nang', 'VN'), ('Danang', 'VN'), ('Hai Phong', 'VN'), ('Haiphong', 'VN'),
    ('Cam Ranh', 'VN'), ('Cam Ranh Bay', 'VN'), ('Nha Trang', 'VN'), ('Hue', 'VN'),
    ('Can Tho', 'VN'), ('Vung Tau', 'VN'), ('Quang Ninh', 'VN'), ('Ha Long', 'VN'),
    ('Khanh Hoa', 'VN'), ('Tokyo', 'JP'), ('Yokosuka', 'JP'), ('Yokohama', 'JP'),
    ('Kure', 'JP'), ('Sasebo', 'JP'), ('Maizuru', 'JP'), ('Iwakuni', 'JP'), ('Okinawa', 'JP'),
    ('Naha', 'JP'), ('Osaka', 'JP'), ('Kyoto', 'JP'), ('Hiroshima', 'JP'), ('Nagasaki', 'JP'),
    ('Ichigaya', 'JP'), ('Manila', 'PH'), ('Subic Bay', 'PH'), ('Bangkok', 'TH'),
    ('Singapore', 'SG'), ('Changi', 'SG'), ('Jakarta', 'ID'), ('Kuala Lumpur', 'MY'),
    ('Phnom Penh', 'KH'), ('Ream', 'KH'), ('Sihanoukville', 'KH'), ('Vientiane', 'LA'),
    ('Yangon', 'MM'), ('Naypyidaw', 'MM'), ('Bandar Seri Begawan', 'BN'), ('Beijing', 'CN'),
    ('Seoul', 'KR'), ('Busan', 'KR'), ('Canberra', 'AU'), ('Darwin', 'AU'),
    ('New Delhi', 'IN'), ('Guam', 'US'), ('Pearl Harbor', 'US'), ('Honolulu', 'US'),
    ('Washington', 'US'), ('Moscow', 'RU'), ('South China Sea', NULL), ('East Sea', NULL),
    ('East China Sea', NULL), ('Spratly Islands', NULL), ('Paracel Islands', NULL);
