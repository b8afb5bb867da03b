"""recipients.Device.order_line_id names the order line a device came from. recipients is a
lower app and cannot import orders, so the foreign key exists in the database only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial"), ("recipients", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE recipients_device ADD CONSTRAINT recipients_device_order_line_fk "
            "FOREIGN KEY (order_line_id) REFERENCES orders_orderline (id) DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE recipients_device DROP CONSTRAINT recipients_device_order_line_fk",
        )
    ]
