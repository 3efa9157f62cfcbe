//! Calendar arithmetic for review due dates (proleptic Gregorian, no time zones).

use crate::Date;

impl Date {
    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year: year as u16, month: month as u8, day: day as u8 }
    }

    /// The date `days` later.
    pub fn plus_days(self, days: u32) -> Date {
        Date::from_days(self.to_days() + i64::from(days))
    }
}

#[cfg(test)]
mod tests {
    use crate::Date;

    #[test]
    fn round_trips_and_adds() {
        let d = Date { year: 2026, month: 1, day: 31 };
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.plus_days(90), Date { year: 2026, month: 5, day: 1 });
        assert_eq!(Date { year: 2024, month: 2, day: 28 }.plus_days(1), Date { year: 2024, month: 2, day: 29 });
        assert_eq!(Date { year: 1970, month: 1, day: 1 }.to_days(), 0);
    }
}
