"""Other tools' schedule formats: reading frab/pretalx/c3voc, turning them into agendas, writing frab, and the
agenda YAML writer."""
