using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContextAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "Links",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AboutId",
                table: "Contexts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AboutKind",
                table: "Contexts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "Contexts",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OpenedByName",
                table: "Contexts",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ContextAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContextAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContextAssessments_Contexts_ContextId",
                        column: x => x.ContextId,
                        principalTable: "Contexts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contexts_AboutId_AboutKind",
                table: "Contexts",
                columns: new[] { "AboutId", "AboutKind" });

            migrationBuilder.CreateIndex(
                name: "IX_ContextAssessments_ContextId_Number",
                table: "ContextAssessments",
                columns: new[] { "ContextId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContextAssessments");

            migrationBuilder.DropIndex(
                name: "IX_Contexts_AboutId_AboutKind",
                table: "Contexts");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "Links");

            migrationBuilder.DropColumn(
                name: "AboutId",
                table: "Contexts");

            migrationBuilder.DropColumn(
                name: "AboutKind",
                table: "Contexts");

            migrationBuilder.DropColumn(
                name: "Key",
                table: "Contexts");

            migrationBuilder.DropColumn(
                name: "OpenedByName",
                table: "Contexts");
        }
    }
}
