import { useTranslation } from "react-i18next";
import {
  Button, Calendar, CalendarCell, CalendarGrid, DateInput, DatePicker, DateSegment, Dialog, Group, Heading, Label,
  Popover, type DateValue,
} from "react-aria-components";

/** Local midnight at the start of a calendar day, `plusDays` later. */
export function startOfDay(date: DateValue, plusDays = 0): Date {
  return new Date(date.year, date.month - 1, date.day + plusDays);
}

/** Props of {@link DateFilterField}. */
export interface DateFilterFieldProps {
  label: string;
  value: DateValue | null;
  onChange(value: DateValue | null): void;
}

/** A date typed segment by segment or picked from a calendar; empty means "no limit". */
export function DateFilterField({ label, value, onChange }: DateFilterFieldProps) {
  const { t } = useTranslation("admin");
  return (
    <DatePicker className="field date-field" value={value} onChange={onChange} granularity="day" shouldForceLeadingZeros>
      <Label>{label}</Label>
      <Group className="input date-field__group">
        <DateInput className="date-field__input">
          {(segment) => <DateSegment segment={segment} className="date-field__segment" />}
        </DateInput>
        {value && (
          <Button className="date-field__button" onPress={() => onChange(null)} aria-label={t("audit.clearDate", { label })}>
            <span aria-hidden="true">×</span>
          </Button>
        )}
        <Button className="date-field__button" aria-label={t("audit.openCalendar", { label })}>
          <span aria-hidden="true">▾</span>
        </Button>
      </Group>
      <Popover className="popover">
        <Dialog className="calendar-dialog" aria-label={label}>
          <Calendar className="calendar">
            <header className="calendar__header">
              <Button slot="previous" className="button button--small" aria-label={t("audit.previousMonth")}>‹</Button>
              <Heading className="calendar__heading" />
              <Button slot="next" className="button button--small" aria-label={t("audit.nextMonth")}>›</Button>
            </header>
            <CalendarGrid className="calendar__grid">
              {(date) => <CalendarCell date={date} className="calendar__cell" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
